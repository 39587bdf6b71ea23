// Starts mongo-java-server for local development and tests (no real mongod can be installed here).
// Run with Java 17's single-file source launch:
//   java -cp '.local/mongo/lib/*' MongoLauncher.java <port> <h2|memory> [h2-file]
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
     * The H2 backend as shipped commits its MVStore in the background about once a second, so
     * a write answered just before a kill -9 is gone after the restart. This one writes what a
     * command changed to the file before the answer leaves: an acknowledged write survives the
     * process dying (the operating system still holds the file's pages). MVStore.commit() stores
     * synchronously (it waits for its serialization and save threads), and concurrent commands
     * share one commit when they finish together.
     */
    static final class DurableH2Backend extends H2Backend {
        private final MVStore store;

        DurableH2Backend(String file) {
            this(new MVStore.Builder().fileName(file).open());
        }

        private DurableH2Backend(MVStore store) {
            super(store);
            this.store = store;
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                // Also after a failed command: an insertMany that stopped half-way answered the part it did.
                // Unconditionally: when another command's commit is writing this one's change, commit()
                // waits for it (the store lock) and then finds nothing left to write.
                store.commit();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: MongoLauncher <port> <h2|memory> [h2-file]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String kind = args[1];
        AbstractMongoBackend backend;
        if (kind.equals("h2")) {
            if (args.length < 3) {
                System.err.println("the h2 backend needs a file name");
                System.exit(2);
            }
            backend = new DurableH2Backend(args[2]);
        } else if (kind.equals("memory")) {
            backend = new MemoryBackend();
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
