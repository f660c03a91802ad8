/*
 * policykg local Neo4j: Neo4j Community embedded with its Bolt connector on localhost.
 *
 * Run with the JDK's single-file source launcher (no compile step), the jars from pom.xml on
 * the class path:
 *
 *   java -Xmx1g -cp 'var/neo4j/lib/*' graph/neo4j_server/PolicykgNeo4j.java \
 *        --home var/neo4j --port 7687 [--tx-timeout 120s] [--page-cache 256m] \
 *        [--tx-memory 256m] [--tx-memory-total 640m]
 *
 * Safe by default for a read-only console in front of it: LOAD CSV cannot read local files
 * (file URLs off, and the import directory is an empty <home>/import), every transaction has a
 * memory limit (--tx-memory, all of them together --tx-memory-total) and a time limit
 * (--tx-timeout). "0" turns a limit off.
 *
 * The password of user neo4j comes from the environment variable POLICYKG_NEO4J_PASSWORD (or
 * --password, which other users of the machine can see in the process list). A new store gets
 * it before Bolt opens (neo4j/neo4j is never accepted); on later starts a different password
 * replaces the stored one, so the password the launcher is given is always the one that works.
 *
 * Prints one line starting with "POLICYKG_NEO4J_READY" when Bolt accepts connections. SIGTERM
 * (or Ctrl-C) shuts the databases down cleanly. Exit codes: 2 bad arguments, 3 port taken,
 * 4 store in use by another process, 1 any other start failure.
 */

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.api.KernelTransactionHandle;
import org.neo4j.kernel.api.TerminationMark;
import org.neo4j.kernel.impl.api.KernelTransactions;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.api.impl.index.LuceneSettings;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

public class PolicykgNeo4j {

    static final String READY = "POLICYKG_NEO4J_READY";
    static final String HOST = "localhost";

    static final class Options {
        Path home = Path.of("var/neo4j");
        int port = 7687;
        String password = System.getenv("POLICYKG_NEO4J_PASSWORD");
        Duration txTimeout = SettingValueParsers.DURATION.parse("120s");
        long txMemory = SettingValueParsers.BYTES.parse("256m");
        long txMemoryTotal = SettingValueParsers.BYTES.parse("640m");
        long pageCache = SettingValueParsers.BYTES.parse("256m");
        Duration runawayGrace = SettingValueParsers.DURATION.parse("10s");
        long exitWith = 0; // stop when this process ends (0: run until stopped)
    }

    public static void main(String[] args) {
        Options opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
            return;
        }
        if (!portFree(opts.port)) {
            fail(3, "port " + HOST + ":" + opts.port + " is already in use; stop whatever listens there "
                    + "or start policykg's Neo4j on another port (--port)");
        }

        long started = System.nanoTime();
        DatabaseManagementService dbms;
        try {
            Files.createDirectories(opts.home);
            seedInitialPassword(opts.home, opts.password);
            dbms = build(opts);
            log("databases started");
        } catch (Throwable e) {
            reportStartFailure(e, opts);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutting down");
            try {
                dbms.shutdown();
                log("stopped");
            } finally {
                stopped.countDown();
            }
        }, "policykg-neo4j-shutdown"));

        try {
            setPassword(dbms, opts.password);
            String version = version(dbms);
            long ms = (System.nanoTime() - started) / 1_000_000;
            System.out.println(READY + " bolt://" + HOST + ":" + opts.port + " version=" + version
                    + " pid=" + ProcessHandle.current().pid() + " start_ms=" + ms);
            System.out.flush();
            // Read once when the system database is created; no need to keep a hash lying there.
            Files.deleteIfExists(initialUserFile(opts.home));
            if (!opts.runawayGrace.isZero()) {
                startRunawayWatchdog(dbms, opts.runawayGrace);
            }
            if (opts.exitWith > 0) {
                exitWith(opts.exitWith);
            }
        } catch (Throwable e) {
            System.err.println("policykg-neo4j: could not prepare the database: " + e);
            System.exit(1);
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Shut down (cleanly, through the shutdown hook) when process {@code pid} ends: a test run's
     *  own server must not outlive a run that was killed before it could stop it. */
    static void exitWith(long pid) {
        Runnable stop = () -> {
            log("process " + pid + " that owns this server ended: shutting down");
            System.exit(0);
        };
        ProcessHandle.of(pid).ifPresentOrElse(owner -> owner.onExit().thenRun(stop), stop);
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + a);
            }
            String v = args[++i];
            try {
                apply(o, a, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(a + " " + v + ": " + e.getMessage(), e);
            }
        }
        if (o.password == null || o.password.length() < 8) {
            throw new IllegalArgumentException("give the neo4j password (at least 8 characters) in "
                    + "POLICYKG_NEO4J_PASSWORD or --password");
        }
        return o;
    }

    static void apply(Options o, String a, String v) {
        switch (a) {
            case "--home" -> o.home = Path.of(v).toAbsolutePath();
            case "--port" -> o.port = Integer.parseInt(v); // NumberFormatException is an IAE
            case "--password" -> o.password = v;
            case "--exit-with" -> o.exitWith = Long.parseLong(v);
            // Neo4j duration syntax: 30s, 500ms, 2m; 0 means no timeout.
            case "--tx-timeout" -> o.txTimeout = SettingValueParsers.DURATION.parse(v);
            case "--page-cache" -> o.pageCache = SettingValueParsers.BYTES.parse(v);
            case "--tx-memory" -> o.txMemory = SettingValueParsers.BYTES.parse(v);
            case "--tx-memory-total" -> o.txMemoryTotal = SettingValueParsers.BYTES.parse(v);
            // 0 turns the runaway watchdog off
            case "--runaway-grace" -> o.runawayGrace = SettingValueParsers.DURATION.parse(v);
            default -> throw new IllegalArgumentException("unknown argument (known: --home --port --password "
                    + "--tx-timeout --page-cache --tx-memory --tx-memory-total --runaway-grace)");
        }
    }

    static DatabaseManagementService build(Options o) {
        SocketAddress bolt = new SocketAddress(HOST, o.port);
        DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(o.home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(HOST))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pageCache)
                // Few cores: a small Bolt worker pool is plenty for one developer or a test run.
                .setConfig(BoltConnector.thread_pool_min_size, 1)
                .setConfig(BoltConnector.thread_pool_max_size, 64)
                // Netty waits this quiet period (default 5 s) per event loop group on shutdown,
                // after the databases are already closed: 1 s makes SIGTERM take ~3 s, not ~11 s.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                // Lucene merges an index's segments once this many of a size pile up. Neo4j's
                // default of 2 re-merges the full-text index after nearly every committed batch
                // (a quarter of the server's CPU during a bulk load); 10 is Lucene's own default.
                .setConfig(LuceneSettings.lucene_merge_factor, 10)
                // LOAD CSV: no file:/// URLs at all, and an import directory that holds nothing.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir(o.home))
                // A runaway query fails with a memory error instead of filling the heap.
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, o.txMemory)
                // db.memory.transaction.total.max (this database) and dbms.memory.transaction.total.max
                .setConfig(GraphDatabaseSettings.memory_transaction_database_max_size, o.txMemoryTotal)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, o.txMemoryTotal)
                .setConfig(GraphDatabaseSettings.transaction_timeout, o.txTimeout);
        return b.build();
    }

    /** An empty folder for LOAD CSV's import root, so no file URL can name anything readable. */
    static Path importDir(Path home) {
        Path dir = home.resolve("import");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the import folder " + dir + ": " + e, e);
        }
        return dir;
    }

    /** Sets neo4j's password (embedded transactions are not subject to auth) and clears the
     * change-required flag, so the initial neo4j/neo4j login stops working. */
    static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        if (passwordAlreadySet(system, password)) {
            log("password of user neo4j unchanged");
            return;
        }
        try (Transaction tx = system.beginTx()) {
            tx.execute("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password))
                    .close();
            tx.commit();
            log("password of user neo4j set");
        } catch (RuntimeException e) {
            // Neo4j refuses to "change" a password to the one already set: nothing to do.
            if (String.valueOf(messages(e)).contains("cannot be the same")) {
                log("password of user neo4j already set");
                return;
            }
            throw e;
        }
    }

    /** First start only (no system database yet): seeds user neo4j with the password, as
     * `neo4j-admin dbms set-initial-password` does, so Bolt never opens with neo4j/neo4j. A
     * failure here is not fatal: setPassword's ALTER USER still sets the password. */
    static void seedInitialPassword(Path home, String password) {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        if (Files.exists(config.get(GraphDatabaseInternalSettings.databases_root_path).resolve("system"))) {
            return;
        }
        Path file = initialUserFile(home);
        try (DefaultFileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            Files.deleteIfExists(file);
            Files.createDirectories(file.getParent());
            FileUserRepository users = new FileUserRepository(fs, file, NullLogProvider.getInstance(),
                    EmptyMemoryTracker.INSTANCE);
            users.start();
            try {
                users.create(new User("neo4j", null, SystemGraphCredential.createCredentialForPassword(
                        password.getBytes(StandardCharsets.UTF_8), new SecureHasher()), false, false));
            } finally {
                users.shutdown();
            }
            log("initial password of user neo4j seeded");
        } catch (Exception e) {
            log("could not seed the initial password (" + e + "); setting it after start instead");
        }
    }

    static Path initialUserFile(Path home) {
        return CommunitySecurityModule.getInitialUserRepositoryFile(
                Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build());
    }

    /** True when neo4j's stored credential already matches {@code password} and no change is
     * pending: then no administration command is needed, which saves seconds of Cypher warm-up.
     * Any doubt answers false, and ALTER USER runs. */
    static boolean passwordAlreadySet(GraphDatabaseService system, String password) {
        try (Transaction tx = system.beginTx()) {
            Node user = tx.findNode(Label.label("User"), "name", "neo4j");
            if (user == null || !Boolean.FALSE.equals(user.getProperty("passwordChangeRequired", null))) {
                return false;
            }
            String stored = String.valueOf(user.getProperty("credentials", ""));
            return SystemGraphCredential.deserialize(stored, new SecureHasher())
                    .matchesPassword(password.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    static String version(DatabaseManagementService dbms) {
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        try (Transaction tx = db.beginTx();
                Result r = tx.execute("CALL dbms.components() YIELD versions RETURN versions[0] AS v")) {
            return String.valueOf(r.next().get("v"));
        }
    }

    /**
     * Neo4j terminates a transaction cooperatively: a query checks for termination between
     * rows, not inside one long expression (reduce building a string over millions of
     * elements runs on for an hour after its timeout). This watchdog stops the thread of a
     * query that still runs {@code grace} after its transaction was marked for termination
     * (timeout, TERMINATE TRANSACTION, a closed connection). Thread.stop unwinds the query's
     * stack with ThreadDeath; the transaction is rolled back on the way out. Java 17's
     * Thread.stop still does this (it is deprecated; Java 20 removed it, and then the
     * watchdog only logs).
     */
    @SuppressWarnings({"deprecation", "removal"})
    static void startRunawayWatchdog(DatabaseManagementService dbms, Duration grace) {
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        KernelTransactions transactions = db.getDependencyResolver().resolveDependency(KernelTransactions.class);
        // handles are new objects on every call; a transaction's termination mark is one object
        Map<TerminationMark, Long> firstSeen = new java.util.IdentityHashMap<>();
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                    long now = System.nanoTime();
                    java.util.Set<TerminationMark> current = java.util.Collections.newSetFromMap(
                            new java.util.IdentityHashMap<>());
                    for (KernelTransactionHandle handle : transactions.activeTransactions()) {
                        TerminationMark mark = handle.terminationMark().orElse(null);
                        if (mark == null) {
                            continue;
                        }
                        current.add(mark);
                        long since = firstSeen.computeIfAbsent(mark, m -> now);
                        if (now - since >= grace.toNanos()) {
                            handle.executingQuery().ifPresent(query -> stopThread(
                                    query.threadExecutingTheQueryName(), query.rawQueryText()));
                        }
                    }
                    firstSeen.keySet().retainAll(current);
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    log("runaway watchdog: " + e);
                }
            }
        }, "policykg-runaway-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        log("runaway watchdog on: a query still running " + grace.toSeconds()
                + " s after its transaction was terminated has its thread stopped");
    }

    @SuppressWarnings({"deprecation", "removal"})
    static void stopThread(String name, String query) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(name) && thread != Thread.currentThread()) {
                String shown = query.length() > 120 ? query.substring(0, 120) + "…" : query;
                log("runaway watchdog: stopping thread " + name + " of a terminated query: " + shown);
                try {
                    thread.stop();
                } catch (UnsupportedOperationException e) {
                    log("runaway watchdog: this Java cannot stop threads; the query runs on");
                }
            }
        }
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void reportStartFailure(Throwable e, Options o) {
        String all = messages(e);
        if (all.contains("PortBindException") || all.contains("Address already in use")) {
            fail(3, "port " + HOST + ":" + o.port + " is already in use; use another port (--port)");
        }
        if (all.contains("FileLockException") || all.contains("Unable to get lock")) {
            fail(4, "the store in " + o.home + " is used by another Neo4j process; stop it first");
        }
        e.printStackTrace();
        fail(1, "Neo4j did not start: " + e);
    }

    /** Class names and messages of an exception and all its causes, for matching. */
    static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static final long T0 = System.nanoTime();

    static void log(String msg) {
        System.out.println("policykg-neo4j: [" + (System.nanoTime() - T0) / 1_000_000 + " ms] " + msg);
        System.out.flush();
    }

    static void fail(int code, String msg) {
        System.err.println("policykg-neo4j: error: " + msg);
        System.exit(code);
    }
}
