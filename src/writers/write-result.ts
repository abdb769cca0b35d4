/** A written row and whether this call inserted it (`false`: the natural key existed). */
export interface UpsertResult<T> {
  row: T;
  created: boolean;
}
