// POST /exports: builds a customer's data export in /tmp, then answers with its size.
// (In production the file is uploaded to S3; here the upload is left out.)
import { statSync, writeFileSync, appendFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const BLOCK = Buffer.alloc(30 * 1024 * 1024, 0x61); // 30 MiB of rows

export const handler = async (event) => {
  const exportId = randomUUID();
  const path = `/tmp/export-${exportId}.csv`;
  try {
    writeFileSync(path, 'id,amount\n');
    for (let i = 0; i < 10; i++) appendFileSync(path, BLOCK);
    const bytes = statSync(path).size;
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ exportId, bytes }),
    };
  } finally {
    // /tmp outlives the invocation: delete the file whatever happened.
    rmSync(path, { force: true });
  }
};
