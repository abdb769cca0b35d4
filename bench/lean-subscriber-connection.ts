/**
 * One graphql-ws (graphql-transport-ws) connection of a bench subscriber process, on `ws`
 * directly instead of graphql-ws's client: the protocol a subscriber needs (connection_init,
 * subscribe, next / error / complete, ping → pong) in a class, with `next` frames read by
 * NextFrameReader instead of JSON.parse. Every frame is still handed to `onMessage`; frames
 * the reader does not recognise, and a sample of those it does, are parsed in full.
 */
import WebSocket from 'ws';
import { checkInFull, NextFrameReader } from './next-frame-reader.ts';

/** What a connection reports to its process, for every message and every problem. */
export interface SubscriberSink {
  /** A `next` message arrived for subscription `index` (of this connection); sentAt or NaN. */
  onMessage(connection: LeanSubscriberConnection, index: number, sentAt: number): void;
  onError(message: string): void;
}

/** One in this many recognised frames is also parsed in full and compared (see checkInFull). */
const CHECK_EVERY = 64;

const reader = new NextFrameReader();
let recognised = 0;

export class LeanSubscriberConnection {
  readonly socket: WebSocket;
  /** Per subscription index: 1 once it has received a message. */
  readonly received: Uint8Array;
  #closing = false;

  constructor(
    url: string,
    private readonly authorization: string,
    subscriptions: number,
    private readonly sink: SubscriberSink,
  ) {
    this.received = new Uint8Array(subscriptions);
    // No compression (the gateway offers none) and no UTF-8 validation of every frame: the
    // sample parsed in full is decoded, and the rest is never decoded at all.
    this.socket = new WebSocket(url, 'graphql-transport-ws', {
      perMessageDeflate: false,
      skipUTF8Validation: true,
    });
  }

  /** Opens the connection and resolves once the gateway acknowledged connection_init. */
  connect(): Promise<void> {
    const { socket } = this;
    return new Promise((resolve, reject) => {
      socket.once('open', () => {
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: this.authorization },
          }),
        );
      });
      const onClose = (code: number, reason: Buffer) =>
        reject(new Error(`closed before connection_ack: ${code} ${reason.toString()}`));
      socket.once('close', onClose);
      socket.once('error', reject);
      socket.once('message', (data: Buffer) => {
        socket.off('close', onClose);
        socket.off('error', reject);
        const message = parse(data);
        if (message?.type !== 'connection_ack') {
          reject(new Error(`expected connection_ack, got ${data.toString()}`));
          return;
        }
        socket.on('message', (frame: Buffer) => this.#receive(frame));
        socket.on('close', (code: number, reason: Buffer) => {
          if (!this.#closing) this.sink.onError(`closed: ${code} ${reason.toString()}`);
        });
        socket.on('error', (error: Error) => this.sink.onError(error.message));
        resolve();
      });
    });
  }

  /** Subscribes as subscription `index` (its graphql-ws id is the decimal index). */
  subscribe(index: number, query: string, variables: Record<string, unknown>): void {
    this.socket.send(
      JSON.stringify({ id: String(index), type: 'subscribe', payload: { query, variables } }),
    );
  }

  close(): Promise<void> {
    this.#closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close(1000, 'Normal Closure');
    });
  }

  #receive(frame: Buffer) {
    if (reader.read(frame)) {
      recognised += 1;
      if (recognised % CHECK_EVERY === 0) {
        const problem = checkInFull(frame, reader);
        if (problem) this.sink.onError(problem);
      }
      this.sink.onMessage(this, reader.subscription, reader.sentAt);
      return;
    }
    const message = parse(frame);
    switch (message?.type) {
      case 'next': {
        // Results with errors: counted, timed if they carry the fill, and reported.
        const payload = message.payload as FillPayload | undefined;
        if (payload?.errors) this.sink.onError(JSON.stringify(payload.errors));
        const sentAt = payload?.data?.fillCreated?.fill?.metadata?.sentAt;
        this.sink.onMessage(
          this,
          Number(message.id),
          typeof sentAt === 'number' ? sentAt : Number.NaN,
        );
        return;
      }
      case 'error':
        this.sink.onError(JSON.stringify(message.payload));
        return;
      case 'ping':
        this.socket.send('{"type":"pong"}');
        return;
      case 'complete':
      case 'pong':
        return;
      default:
        this.sink.onError(`unexpected message: ${frame.toString().slice(0, 200)}`);
    }
  }
}

interface FillPayload {
  errors?: unknown;
  data?: { fillCreated?: { fill?: { metadata?: { sentAt?: unknown } } } };
}

interface ProtocolMessage {
  id?: string;
  type?: string;
  payload?: unknown;
}

function parse(data: Buffer): ProtocolMessage | undefined {
  try {
    return JSON.parse(data.toString('utf8')) as ProtocolMessage;
  } catch {
    return undefined;
  }
}
