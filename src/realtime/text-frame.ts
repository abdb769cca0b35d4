/**
 * A server's (unmasked, unfragmented) WebSocket text frame carrying the UTF-8 bytes `head` then
 * `body`, in one buffer (RFC 6455 §5.2): what ws's Sender writes for send(head + body) when no
 * extension is negotiated, without its string conversion and its two writes per frame.
 */
export function textFrame(head: Uint8Array, body: Uint8Array): Buffer {
  const length = head.length + body.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN, opcode 1 (text)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.set(head, headerLength);
  frame.set(body, headerLength + head.length);
  return frame;
}
