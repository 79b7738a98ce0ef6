/**
 * pglite-socket (0.2.x) queues each wire-protocol message on its own and keeps a connection's turn only
 * inside a transaction. The `pg` driver sends parameterised queries as an extended-protocol cycle
 * (Parse, Bind, Describe, Execute, Sync); when two connections' cycles interleave, one overwrites the
 * other's unnamed statement ("unnamed prepared statement does not exist"). This keeps a connection's turn
 * from the first message of a cycle until its Sync, and through a COPY until CopyDone/CopyFail, so PGlite
 * sees each cycle whole. It replaces the queue's `processQueue` on one server instance only.
 */

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

interface PgliteLike {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
}

interface QueryQueueLike {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PgliteLike;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const PARSE = 0x50; // P
const BIND = 0x42; // B
const DESCRIBE = 0x44; // D
const EXECUTE = 0x45; // E
const CLOSE = 0x43; // C
const FLUSH = 0x48; // H
const SYNC = 0x53; // S
const QUERY = 0x51; // Q
const COPY_DONE = 0x63; // c
const COPY_FAIL = 0x66; // f
const CYCLE_MESSAGES = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH]);

function startsCopyFromStdin(message: Uint8Array): boolean {
  const text = Buffer.from(message.subarray(5, Math.min(message.length, 200))).toString('utf8');
  return /^\s*COPY\b[\s\S]*\bFROM\s+STDIN\b/i.test(text);
}

/** The connection whose cycle is open after `message`, or null when the cycle ends with it. */
export function turnAfter(current: number | null, handlerId: number, message: Uint8Array): number | null {
  const type = message[0];
  if (type === SYNC || type === COPY_DONE || type === COPY_FAIL) return null;
  if (type === QUERY) return startsCopyFromStdin(message) ? handlerId : null;
  if (CYCLE_MESSAGES.has(type)) return handlerId;
  return current;
}

export function keepProtocolCyclesWhole(queryQueue: unknown): void {
  const queue = queryQueue as QueryQueueLike;
  let turn: number | null = null;

  queue.processQueue = async function processQueue(this: QueryQueueLike): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = turn ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((item) => item.handlerId === owner);
        // The owner's next message has not arrived yet: its arrival calls processQueue again.
        if (index === -1) break;
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          turn = null;
          item.reject(error);
          continue;
        }
        turn = turnAfter(turn, item.handlerId, item.message);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    // A client that leaves mid-cycle must not hold everyone else's turn.
    if (turn === handlerId) {
      turn = null;
      void queue.processQueue();
    }
  };
}
