import { describe, expect, it } from 'vitest';
// ws's own framing, to compare with: Sender.frame is what its send() writes.
import * as ws from 'ws';
import { textFrame } from '../../src/realtime/text-frame.ts';

/** The bytes ws's Sender writes for a server's text message `text`, uncompressed. */
function framedByWs(text: string): Buffer {
  const data = Buffer.from(text);
  const { Sender } = ws as unknown as {
    Sender: { frame(data: Buffer, options: object): Buffer[] };
  };
  const parts = Sender.frame(data, {
    fin: true,
    opcode: 1,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return Buffer.concat(parts);
}

describe('textFrame', () => {
  // Each length field size (7-bit, 16-bit, 64-bit) at its edges, and multi-byte characters.
  it.each([0, 1, 125, 126, 127, 65535, 65536, 70000])(
    'frames a %i-byte message as ws does',
    (length) => {
      const head = Buffer.from('{"id":"é","payload":'.slice(0, Math.min(length, 21)));
      const body = Buffer.alloc(length - head.length, 'x');
      const text = Buffer.concat([head, body]).toString();
      expect(textFrame(head, body).equals(framedByWs(text))).toBe(true);
    },
  );
});
