/**
 * Reads the two things a bench subscriber needs from a graphql-ws `next` frame, without decoding
 * or parsing it: which subscription it is for, and the fill's `metadata.sentAt`. A JSON.parse of
 * every message (what graphql-ws's client does) cost the subscriber processes more CPU than the
 * gateway spends delivering it, so the clients, not the gateway, ran out of cores first.
 *
 * Only frames shaped exactly as an error-free result is sent (`{"id":"<digits>","type":"next",
 * "payload":{"data":` and no `"errors":` key anywhere) are read this way; everything else is
 * left to the caller to parse in full. {@link checkInFull} parses a frame and says whether the
 * fast reading agrees with it, for the sample of frames the subscriber checks.
 */

const PREFIX = Buffer.from('{"id":"');
const AFTER_ID = Buffer.from('","type":"next","payload":{"data":');
const SENT_AT = Buffer.from('"sentAt":');
const ERRORS = Buffer.from('"errors":');
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export class NextFrameReader {
  /** The subscription id of the frame last read (ids are decimal numbers). */
  subscription = -1;
  /** Its fill's `metadata.sentAt` in ms since the epoch; NaN when the fill has none. */
  sentAt = Number.NaN;

  /** Where the digits last read by #digits ended. */
  #end = 0;

  /** Reads `frame` if it is an error-free `next` frame; false (and nothing read) otherwise. */
  read(frame: Buffer): boolean {
    if (frame.length < PREFIX.length + AFTER_ID.length + 1) return false;
    if (frame.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0) return false;
    const id = this.#digits(frame, PREFIX.length);
    const at = this.#end;
    if (Number.isNaN(id) || at - PREFIX.length > 9) return false;
    if (frame.compare(AFTER_ID, 0, AFTER_ID.length, at, at + AFTER_ID.length) !== 0) return false;
    const dataStart = at + AFTER_ID.length;
    // A JSON string escapes its quotes, so `"errors":` can only be a key.
    if (frame.indexOf(ERRORS, dataStart) !== -1) return false;
    this.subscription = id;
    const sentAt = frame.indexOf(SENT_AT, dataStart);
    this.sentAt = sentAt === -1 ? Number.NaN : this.#digits(frame, sentAt + SENT_AT.length);
    return true;
  }

  /** The non-negative integer written at `start` in `frame`, or NaN if no digit is there. */
  #digits(frame: Buffer, start: number): number {
    let at = start;
    let value = 0;
    while (at < frame.length) {
      const byte = frame[at] as number;
      if (byte < DIGIT_0 || byte > DIGIT_9) break;
      value = value * 10 + byte - DIGIT_0;
      at += 1;
    }
    this.#end = at;
    return at === start ? Number.NaN : value;
  }
}
interface FillMessage {
  id?: unknown;
  type?: unknown;
  payload?: {
    errors?: unknown;
    data?: { fillCreated?: { fill?: { id?: unknown; metadata?: { sentAt?: unknown } } } };
  };
}

/**
 * Parses `frame` in full and returns what is wrong with `reader`'s reading of it (null when it
 * agrees): a real `next` message, for that subscription, without errors, carrying a fill with an
 * id and the same `sentAt`.
 */
export function checkInFull(frame: Buffer, reader: NextFrameReader): string | null {
  let message: FillMessage;
  try {
    message = JSON.parse(frame.toString('utf8')) as FillMessage;
  } catch (error) {
    return `a frame read as next is not JSON: ${(error as Error).message}`;
  }
  if (message.type !== 'next' || message.id !== String(reader.subscription)) {
    return `a frame read as next for ${reader.subscription} is ${message.type} for ${message.id}`;
  }
  if (message.payload?.errors !== undefined) return 'a frame read as error-free has errors';
  const fill = message.payload?.data?.fillCreated?.fill;
  if (typeof fill?.id !== 'string') return 'a next frame carries no fill id';
  const sentAt = fill.metadata?.sentAt;
  const expected = typeof sentAt === 'number' ? sentAt : Number.NaN;
  if (!Object.is(expected, reader.sentAt)) {
    return `sentAt read as ${reader.sentAt}, the frame says ${String(sentAt)}`;
  }
  return null;
}
