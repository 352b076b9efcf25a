// pglite-socket 0.2.17 multiplexes every client connection onto the one PGlite backend
// message by message. Outside a transaction it may run client B's Parse between client A's
// Parse and Bind; A's Bind then meets B's unnamed statement ("bind message supplies 3
// parameters, but prepared statement "" requires 2", or worse, the wrong statement with the
// right arity). Seen under two concurrent sign-ups. This keeps each client's extended-query
// group (Parse … Sync) together: once a client has started a group, only its messages run
// until its Sync (or a simple Query) ends the group.

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q': a simple query is a group of its own

/** Replaces the server's queue scheduling with one that never splits a message group. */
export function keepMessageGroupsTogether(server: unknown): void {
  const queue = (server as { queryQueue: QueryQueue }).queryQueue;
  let groupOwner: number | null = null;

  const pick = (): QueuedMessage | undefined => {
    // Inside a transaction, or inside a group, only the owning client may go on.
    const owner = queue.db.isInTransaction() && queue.lastHandlerId !== null ? queue.lastHandlerId : groupOwner;
    if (owner === null) return queue.queue.shift();
    const index = queue.queue.findIndex((m) => m.handlerId === owner);
    return index === -1 ? undefined : queue.queue.splice(index, 1)[0];
  };

  queue.processQueue = async function processQueue() {
    if (queue.processing) return;
    queue.processing = true;
    try {
      for (let next = pick(); next; next = pick()) {
        const item = next;
        const type = item.message[0];
        groupOwner = type === SYNC || type === QUERY ? null : item.handlerId;
        let bytes = 0;
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          item.reject(err);
          continue;
        }
        queue.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };

  // A client that goes away in the middle of a group must not hold the backend forever.
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (groupOwner === handlerId) {
      groupOwner = null;
      void queue.processQueue();
    }
  };
}
