import type { Socket } from 'node:net';
import type { CommandDispatcher, DispatchContext } from './command-dispatcher';
import { decodeMessage, encodeOpMsg, encodeOpReply, MessageFramer, type WireRequest } from './wire-protocol';

export type ConnectionLog = (message: string) => void;

/**
 * One client socket. Messages are handled in arrival order and synchronously, so replies go out in request order
 * and a command never interleaves with another one.
 */
export class WireConnection {
  private readonly framer = new MessageFramer();
  private nextRequestId = 1;

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: CommandDispatcher,
    private readonly context: DispatchContext,
    private readonly log: ConnectionLog,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // A client vanishing mid-write (ECONNRESET) is routine for a test server; just let the socket go.
    socket.on('error', () => socket.destroy());
  }

  get id(): number {
    return this.context.connectionId;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    try {
      for (const message of this.framer.push(chunk)) {
        const reply = this.handle(decodeMessage(message));
        if (reply) this.context.durability.whenDurable((ok) => this.send(reply, ok));
      }
    } catch (err) {
      // Framing or decoding failed: the byte stream cannot be resynchronised, so drop the connection like mongod.
      this.log(`connection ${this.id} closed: ${err instanceof Error ? err.message : String(err)}`);
      this.socket.destroy();
    }
  }

  /** A reply whose changes could not be made durable is never sent: the client sees the connection drop. */
  private send(reply: Buffer, durable: boolean): void {
    if (this.socket.destroyed) return;
    if (durable) this.socket.write(reply);
    else this.socket.destroy();
  }

  private handle(request: WireRequest): Buffer | undefined {
    const requestId = this.nextRequestId++;
    switch (request.kind) {
      case 'msg': {
        const reply = this.dispatcher.run(request.command, this.context);
        // moreToCome from a client means "no reply wanted" (unacknowledged writes, w: 0).
        return request.moreToCome ? undefined : encodeOpMsg(requestId, request.header.requestId, reply);
      }
      case 'query': {
        const reply = this.dispatcher.runLegacy(request.query, request.fullCollectionName, this.context);
        return encodeOpReply(requestId, request.header.requestId, reply);
      }
      case 'unsupported':
        throw new Error(`unsupported opcode ${request.header.opCode}`);
    }
  }
}
