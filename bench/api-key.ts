import { createApiKey } from '../src/auth/api-keys.ts';
import { API_SCOPES } from '../src/auth/api-scopes.ts';
import { createPrismaClient } from '../src/db/prisma.ts';

/**
 * Creates an API key with every scope for this bench run and returns the headers every bench
 * request sends. PostGraphile and the floor ignore the Authorization header.
 */
export async function benchHeaders(databaseUrl: string): Promise<Record<string, string>> {
  const prisma = createPrismaClient(databaseUrl, { poolSize: 1 });
  try {
    const { secret } = await createApiKey(prisma, {
      name: `bench-${new Date().toISOString()}`,
      scopes: API_SCOPES,
      createdBy: 'bench',
      expiresAt: new Date(Date.now() + 24 * 3600_000),
    });
    return { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
  } finally {
    await prisma.$disconnect();
  }
}
