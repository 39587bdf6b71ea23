// Starts mongo-java-server for local development and tests (no real mongod can be installed here).
// Run with Java 17's single-file source launch:
//   java -cp '.local/mongo/lib/*' MongoLauncher.java <port> <h2|memory> [h2-file]
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

public class MongoLauncher {
    // The server announces wire version 7 (MongoDB 4.0) by default, which the Node.js driver
    // under mongoose 8 refuses; announcing 4.2 / wire 8 is the smallest version it accepts.
    static final class Mongo42 implements MongoVersion {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 2, 0);
        }

        @Override
        public int getWireVersion() {
            return 8;
        }
    }

    /**
     * mongo-java-server looks a document up by an index only when the filter names exactly the
     * index's keys; `{_id, version}` (an optimistic write), `{_id, 'outboxLease.claim'}` (the
     * outbox relay) and every other conditional write by _id scan the whole collection, so each
     * costs more as the data grows. MongoDB finds the candidates by the index and tests the rest
     * of the filter on them; this does the same for a filter that names a unique index's keys
     * among other conditions. The result is unchanged: the whole filter still decides.
     */
    static final class KeyedLookup {
        /** The filter's result from the candidates of the first unique index whose keys it names among others, else from the scan. */
        static <P> QueryResult query(MongoCollection<P> collection, List<Index<P>> indexes, Document filter,
                                     Function<Iterable<P>, QueryResult> fromCandidates, Supplier<QueryResult> scan) {
            for (Index<P> index : indexes) {
                List<IndexKey> keys = index.getKeys();
                if (filter.size() <= keys.size()) continue; // exactly the keys: the server's own lookup
                Document byKeys = new Document();
                for (IndexKey key : keys) {
                    if (!filter.containsKey(key.getKey())) break;
                    byKeys.put(key.getKey(), filter.get(key.getKey()));
                }
                if (byKeys.size() == keys.size() && index.canHandle(byKeys)) return fromCandidates.apply(index.getPositions(byKeys));
            }
            ScanReport.note(collection, indexes, filter);
            return scan.get();
        }
    }

    /**
     * With MONGO_SCAN_REPORT_MIN_DOCS=N the launcher writes to its log each filter that reads a
     * collection of at least N documents from end to end (no unique index serves it: here a
     * non-unique index never does), by its shape (the values left out), at its 1st, 10th, 100th...
     * occurrence: the hot paths' look-ups are to stay by _id or a unique key (decision 0003),
     * and this shows where one is not. Unset: nothing is counted.
     */
    static final class ScanReport {
        static final String VARIABLE = "MONGO_SCAN_REPORT_MIN_DOCS";
        /** Set once by main, before the server listens; -1: off. */
        private static int threshold = -1;
        private static final ConcurrentHashMap<String, Long> SEEN = new ConcurrentHashMap<>();

        /** The variable's value (null or blank: off); a bad one is refused at start-up, not at the first query. */
        static void configure(String minDocs) {
            if (minDocs == null || minDocs.isBlank()) return;
            try {
                threshold = Integer.parseInt(minDocs.trim());
            } catch (NumberFormatException e) {
                threshold = -1;
            }
            if (threshold < 0) {
                System.err.println(VARIABLE + " must be a number of documents (0 or more), not '" + minDocs + "'");
                System.exit(2);
            }
        }

        static <P> void note(MongoCollection<P> collection, List<Index<P>> indexes, Document filter) {
            if (threshold < 0 || indexes.stream().anyMatch(index -> index.canHandle(filter))) return;
            int documents = collection.count();
            if (documents < threshold) return;
            String shape = shape(filter);
            long times = SEEN.merge(collection.getFullName() + " " + shape, 1L, Long::sum);
            if (isPowerOfTen(times)) {
                System.err.println("scan #" + times + " of " + collection.getFullName() + " (" + documents + " documents): " + shape);
            }
        }

        private static boolean isPowerOfTen(long n) {
            while (n > 1 && n % 10 == 0) n /= 10;
            return n == 1;
        }

        /** The filter's fields and operators, its values as `?`. */
        static String shape(Object value) {
            if (value instanceof Document document) {
                StringJoiner fields = new StringJoiner(", ", "{", "}");
                document.forEach((field, inner) -> fields.add(field + ": " + shape(inner)));
                return fields.toString();
            }
            if (value instanceof List<?> list) {
                boolean documents = !list.isEmpty() && list.get(0) instanceof Document;
                return documents ? list.stream().map(ScanReport::shape).collect(Collectors.joining(", ", "[", "]")) : "[?]";
            }
            return "?";
        }
    }

    static final class KeyedMemoryBackend extends MemoryBackend {
        @Override
        public MemoryDatabase openOrCreateDatabase(String databaseName) {
            return new MemoryDatabase(databaseName, getCursorRegistry()) {
                @Override
                protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                    return new MemoryCollection(this, collectionName, options, cursorRegistry) {
                        @Override
                        protected QueryResult queryDocuments(Document filter, Document orderBy, int skip, int limit, int batchSize, Document fields) {
                            return KeyedLookup.query(this, getIndexes(), filter,
                                candidates -> matchDocuments(filter, candidates, orderBy, skip, limit, batchSize, fields),
                                () -> super.queryDocuments(filter, orderBy, skip, limit, batchSize, fields));
                        }
                    };
                }
            };
        }
    }

    /**
     * The one H2 file this process serves. H2Backend's and H2Database's constructors open the
     * file's databases and collections before a subclass's own fields are set, so it lives here.
     */
    private static MVStore h2Store;

    /** H2's collections with the keyed lookup; the maps' names are H2Database's own (mongo-java-server 1.46.0's file layout). */
    static final class KeyedH2Database extends H2Database {
        KeyedH2Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, h2Store, cursorRegistry);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            return new H2Collection(this, collectionName, options, h2Store.openMap("databases." + fullName), h2Store.openMap("meta." + fullName), cursorRegistry) {
                @Override
                protected QueryResult queryDocuments(Document filter, Document orderBy, int skip, int limit, int batchSize, Document fields) {
                    return KeyedLookup.query(this, getIndexes(), filter,
                        candidates -> matchDocuments(filter, candidates, orderBy, skip, limit, batchSize, fields),
                        () -> super.queryDocuments(filter, orderBy, skip, limit, batchSize, fields));
                }
            };
        }
    }

    /**
     * The H2 backend as shipped commits its MVStore in the background about once a second, so
     * a write answered just before a kill -9 is gone after the restart. This one writes what a
     * command changed to the file before the answer leaves: an acknowledged write survives the
     * process dying (the operating system still holds the file's pages).
     *
     * A commit stores the maps as they are at that moment, other commands' half-done changes
     * included; mongo-java-server changes a document and its indexes one after the other. So
     * commands share a gate that a commit takes alone (and the background commit is off): the
     * file only ever holds whole commands. A kill between the two steps of an update had left a
     * document that its own _id no longer found, and every upsert of it then failed for good.
     * Writes to one collection also go one at a time: its unique-index check and the insert
     * that follows are separate steps, so two concurrent inserts of one key could both pass.
     */
    static final class DurableH2Backend extends H2Backend {
        private static final Set<String> WRITES =
            Set.of("insert", "update", "delete", "findandmodify", "create", "createindexes", "drop", "dropindexes");

        private final ReentrantReadWriteLock commitGate = new ReentrantReadWriteLock();
        private final ConcurrentHashMap<String, ReentrantLock> collectionWriters = new ConcurrentHashMap<>();

        DurableH2Backend(String file) {
            super(h2Store = new MVStore.Builder().fileName(file).autoCommitDisabled().open());
        }

        @Override
        protected MongoDatabase openOrCreateDatabase(String databaseName) {
            return new KeyedH2Database(databaseName, getCursorRegistry());
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            ReentrantLock writer = WRITES.contains(command.toLowerCase(Locale.ROOT))
                ? collectionWriters.computeIfAbsent(database + "." + query.get(command), name -> new ReentrantLock())
                : null;
            if (writer != null) writer.lock();
            try {
                commitGate.readLock().lock();
                try {
                    return super.handleCommand(channel, database, command, query);
                } finally {
                    commitGate.readLock().unlock();
                }
            } finally {
                if (writer != null) writer.unlock();
                // Also after a failed command: an insertMany that stopped half-way answered the part it did.
                if (h2Store.hasUnsavedChanges()) commit();
            }
        }

        /** Concurrent commands that finish together share one commit: the later ones find nothing left to write. */
        @Override
        public void commit() {
            commitGate.writeLock().lock();
            try {
                super.commit();
            } finally {
                commitGate.writeLock().unlock();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MongoLauncher <port> <h2|memory> [h2-file]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        ScanReport.configure(System.getenv(ScanReport.VARIABLE));
        String kind = args[1];
        AbstractMongoBackend backend;
        if (kind.equals("h2")) {
            if (args.length < 3) {
                System.err.println("the h2 backend needs a file name");
                System.exit(2);
            }
            backend = new DurableH2Backend(args[2]);
        } else if (kind.equals("memory")) {
            backend = new KeyedMemoryBackend();
        } else {
            System.err.println("unknown backend '" + kind + "' (expected h2 or memory)");
            System.exit(2);
            return;
        }
        MongoBackend versioned = backend.version(new Mongo42());
        MongoServer server = new MongoServer(versioned);
        server.bind("127.0.0.1", port);

        CountDownLatch stopped = new CountDownLatch(1);
        // On SIGTERM: stop accepting, then close the backend so the H2 file is committed cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "mongo-shutdown"));

        System.out.println("mongo-java-server 1.46.0 (" + kind + " backend, announces MongoDB 4.2 / wire 8) listening on 127.0.0.1:" + port);
        stopped.await();
    }
}
