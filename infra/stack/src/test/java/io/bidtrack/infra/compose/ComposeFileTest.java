package io.bidtrack.infra.compose;

import io.bidtrack.common.Names;
import io.bidtrack.common.config.Durations;
import io.bidtrack.common.config.Env;
import io.bidtrack.engine.CacheEngine;
import io.bidtrack.engine.ConfigFile;
import io.bidtrack.engine.EngineConfig;
import io.bidtrack.infra.stack.StackConfig;
import io.bidtrack.loadgen.LoadMain;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * infra/docker-compose.yml checked against the code, without Docker (no engine runs here, so the
 * file must be right by construction). Each check reads the file as data ({@link ComposeFile}) and
 * asks the code, not a copy of it: each service's settings are parsed by its own config record,
 * the engine's config file by the engine's parser, the redis URLs are logged in to a real engine
 * loaded with the mounted ACL file, the topics come from {@link Names}, the windows from
 * {@link StackConfig}. {@link ComposeLakeTest} runs the catalog and the cold store's lake settings
 * on a real Trino.
 */
class ComposeFileTest {
    static final Path REPO = repoRoot();
    static final ComposeFile COMPOSE = readCompose();
    /** The settings every service of a stack must agree on (the tier-gap rule holds across services only then). */
    private static final List<String> SHARED_WINDOWS = List.of("hot.window", "hot.margin", "rotate");
    /** A "host:port" inside a value: in a URL after // or @, in a list after a comma, as a word, or the whole value. */
    private static final Pattern HOST_PORT = Pattern.compile("(?:^|//|@|,|\\s)([a-z][a-z0-9-]*):(\\d+)");

    // --- images and builds ---------------------------------------------------------------------------

    @Test
    void everyBuildHasItsContextDockerfileModuleAndMainClass() throws Exception {
        Set<String> reactor = reactorModules();
        for (String service : COMPOSE.builtServices()) {
            Path context = COMPOSE.buildContext(service);
            assertEquals(REPO, context, service + ": the build context is the repository root (the Dockerfile runs the reactor)");
            Path dockerfile = COMPOSE.dockerfile(service);
            assertTrue(Files.isRegularFile(dockerfile), service + ": no Dockerfile at " + dockerfile);
            Set<String> declared = dockerfileArgs(dockerfile);
            Map<String, String> args = COMPOSE.buildArgs(service);
            assertEquals(Set.of("MODULE", "MAIN_CLASS"), args.keySet(), service + ": build args");
            assertTrue(declared.containsAll(args.keySet()), service + ": " + dockerfile + " declares ARG " + declared);

            String module = args.get("MODULE");
            assertTrue(reactor.contains(module), service + ": MODULE " + module + " is not a module of the default build " + reactor);
            Path source = REPO.resolve(module).resolve("src/main/java").resolve(args.get("MAIN_CLASS").replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), service + ": MAIN_CLASS " + args.get("MAIN_CLASS") + " is not in " + module);
            assertTrue(Pattern.compile("public static void main\\(String").matcher(Files.readString(source)).find(), source + " has no main");
        }
        assertTrue(Files.isRegularFile(REPO.resolve(".dockerignore")), "a .dockerignore keeps target/ and data/ out of the context");
        assertTrue(Files.readAllLines(REPO.resolve(".dockerignore")).contains("**/target"), ".dockerignore leaves out build output");
    }

    /** The images whose version the code pins: the Kafka broker and Trino the tests run are the ones in the stack. */
    @Test
    void kafkaAndTrinoImagesAreTheVersionsTheBuildUses() throws Exception {
        Map<String, String> properties = pomProperties(REPO.resolve("pom.xml"));
        assertEquals("apache/kafka:" + properties.get("kafka.version"), COMPOSE.image("kafka"));
        assertEquals("apache/kafka:" + properties.get("kafka.version"), COMPOSE.image("kafka-init"));
        assertEquals("trinodb/trino:" + properties.get("trino.version"), COMPOSE.image("trino"));
        assertEquals(COMPOSE.image("minio"), COMPOSE.image("minio-init"), "the bucket is made with the mc of the MinIO image");
    }

    // --- each service's settings ------------------------------------------------------------------------

    /**
     * One test per service built from our Dockerfile: every BIDTRACK_* variable it is given is a key
     * its config record reads (found by the convention XMain / XConfig.fromEnv(Env)), and the
     * record accepts the values (which includes the tier-gap rule).
     */
    @TestFactory
    Stream<DynamicTest> everyServiceReadsEachOfItsVariablesAndAcceptsTheirValues() {
        return COMPOSE.builtServices().stream().filter(service -> !bidtrackVariables(service).isEmpty())
                .map(service -> DynamicTest.dynamicTest(service, () -> {
                    Map<String, String> variables = bidtrackVariables(service);
                    Env env = new Env(variables);
                    readConfig(service, env);
                    Set<String> read = new HashSet<>();
                    env.keysRead().forEach(key -> read.add(Env.variableName(key)));
                    Set<String> unknown = new TreeSet<>(variables.keySet());
                    unknown.removeAll(read);
                    assertEquals(Set.of(), unknown, service + " is given variables its config never reads");
                }));
    }

    @Test
    void everyServiceSharesTheLocalStacksWindows() {
        Map<String, String> windows = new LinkedHashMap<>();
        for (String service : COMPOSE.builtServices()) {
            Map<String, String> variables = COMPOSE.environment(service);
            for (String key : SHARED_WINDOWS) {
                String value = variables.get(Env.variableName(key));
                if (value != null) {
                    String first = windows.putIfAbsent(key, value);
                    assertTrue(first == null || first.equals(value), key + " differs between services: " + first + " and " + value
                            + " (" + service + ")");
                }
            }
        }
        assertEquals(Set.copyOf(SHARED_WINDOWS), windows.keySet(), "the stack sets every shared window explicitly");
        Duration hotWindow = Durations.parse(windows.get("hot.window"));
        Duration rotate = Durations.parse(windows.get("rotate"));
        StackConfig local = new StackConfig(Path.of("data"), hotWindow, rotate, StackConfig.Ports.defaults());
        assertEquals(local.hotMargin(), Durations.parse(windows.get("hot.margin")), "the local stack's margin for these windows");
        assertEquals(Duration.ofHours(1), hotWindow, "./bidtrack demo's default hot window");
        assertEquals(Duration.ofSeconds(60), rotate, "./bidtrack demo's default rotation");

        List<String> load = COMPOSE.command("loadgen");
        assertEquals(hotWindow, Durations.parse(optionValue(load, "--hot-window")), "loadgen's --hot-window");
        assertEquals(local.hotMargin(), Durations.parse(optionValue(load, "--hot-margin")), "loadgen's --hot-margin");
    }

    /** The one-shot and load services take options, not variables: their mains must accept them. */
    @Test
    void theSeedAndLoadCommandsAreOptionsTheirMainsAccept() throws Exception {
        Class<?> seed = Class.forName(COMPOSE.buildArgs("seed-campaigns").get("MAIN_CLASS"));
        new CommandLine(seed.getDeclaredConstructor().newInstance()).parseArgs(COMPOSE.command("seed-campaigns").toArray(String[]::new));
        assertEquals(LoadMain.class.getName(), COMPOSE.buildArgs("loadgen").get("MAIN_CLASS"));
        new CommandLine(new LoadMain()).parseArgs(COMPOSE.command("loadgen").toArray(String[]::new));
        assertEquals(List.of("load"), COMPOSE.profiles("loadgen"), "load runs only when asked for");
        assertEquals(List.of("--config", "/etc/bidtrack/engine.conf"), COMPOSE.command("engine"));
    }

    // --- ports, healthchecks, start-up order -----------------------------------------------------------

    @Test
    void ourServicesListenPublishAndAreCheckedOnTheirHttpPort() {
        StackConfig.Ports demo = StackConfig.Ports.defaults();
        Map<String, Integer> demoPorts = Map.of("bidder", demo.bidder(), "tracker", demo.tracker(), "pubsub-updater", demo.updater(),
                "dashboard", 8083, "cold-store", 8084);
        for (String service : COMPOSE.builtServices()) {
            String httpPort = COMPOSE.environment(service).get(Env.variableName("http.port"));
            if (httpPort == null) {
                assertTrue(COMPOSE.ports(service).isEmpty() || service.equals("engine"), service + " publishes ports but sets no http.port");
                continue;
            }
            int port = Integer.parseInt(httpPort);
            assertEquals(demoPorts.get(service), port, service + ": the port of ./bidtrack demo and the README");
            assertEquals(List.of(new ComposeFile.Port(port, port)), COMPOSE.ports(service), service + " publishes its http.port as is");
            List<String> check = COMPOSE.healthcheck(service);
            assertEquals(3, check.size(), service + ": healthcheck " + check);
            assertEquals(List.of("curl", "-fsS"), check.subList(0, 2), service + ": healthcheck " + check);
            URI url = URI.create(check.get(2));
            assertEquals("localhost", url.getHost(), service + ": healthcheck " + url);
            assertEquals(port, url.getPort(), service + ": the healthcheck asks the port the service listens on");
            assertTrue(Set.of("/health", "/ready").contains(url.getPath()), service + ": healthcheck path " + url.getPath());
        }
        assertEquals(List.of(new ComposeFile.Port(demo.engine(), demo.engine())), COMPOSE.ports("engine"));
        assertEquals(List.of(new ComposeFile.Port(demo.kafka(), demo.kafka())), COMPOSE.ports("kafka"));
        assertEquals(List.of(new ComposeFile.Port(demo.trino(), 8080)), COMPOSE.ports("trino"), "Trino on the host's 8090, its own 8080 inside");
        assertEquals(List.of(new ComposeFile.Port(9000, 9000), new ComposeFile.Port(9001, 9001)), COMPOSE.ports("minio"));
    }

    /**
     * Every "host:port" a service is given that names another service uses a port that service
     * listens on, and the named service starts before it (directly or through its dependencies).
     */
    @Test
    void everyServiceNamedInASettingListensThereAndStartsFirst() throws IOException {
        Map<String, Set<Integer>> listening = listeningPorts();
        for (String service : COMPOSE.services()) {
            Set<String> before = startsBefore(service);
            List<String> values = new ArrayList<>(COMPOSE.environment(service).values());
            values.addAll(COMPOSE.command(service));
            for (String value : values) {
                Matcher m = HOST_PORT.matcher(value);
                while (m.find()) {
                    String host = m.group(1);
                    int port = Integer.parseInt(m.group(2));
                    if (host.equals(service) || host.equals("localhost") || !COMPOSE.services().contains(host)) {
                        continue;
                    }
                    assertTrue(listening.get(host).contains(port), service + " reaches " + host + ":" + port + " but " + host
                            + " listens on " + listening.get(host));
                    assertTrue(before.contains(host), service + " uses " + host + " but does not wait for it (depends_on)");
                }
            }
        }
    }

    @Test
    void dependenciesExistWaitForTheRightConditionAndHaveNoCycle() {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        COMPOSE.services().forEach(s -> indegree.put(s, 0));
        for (String service : COMPOSE.services()) {
            for (Map.Entry<String, String> dependency : COMPOSE.dependsOn(service).entrySet()) {
                String target = dependency.getKey();
                assertTrue(indegree.containsKey(target), service + " depends on " + target + ", which is no service");
                assertTrue(COMPOSE.profiles(target).isEmpty() || !COMPOSE.profiles(service).isEmpty(),
                        service + " would wait for " + target + ", which starts only in a profile");
                switch (dependency.getValue()) {
                    case "service_healthy" -> assertFalse(COMPOSE.healthcheck(target).isEmpty(),
                            service + " waits for " + target + " to be healthy, but it has no healthcheck");
                    case "service_completed_successfully" -> assertEquals("no", COMPOSE.restart(target),
                            service + " waits for " + target + " to complete: it must be a one-shot (restart: \"no\")");
                    default -> fail(service + " waits for " + target + " to be " + dependency.getValue()
                            + ": say service_healthy or service_completed_successfully");
                }
                indegree.merge(service, 1, Integer::sum);
            }
        }
        // Kahn's algorithm: repeatedly start the services that wait for nothing not yet started.
        List<String> order = new ArrayList<>();
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((s, n) -> {
            if (n == 0) ready.add(s);
        });
        while (!ready.isEmpty()) {
            String started = ready.poll();
            order.add(started);
            for (String service : COMPOSE.services()) {
                if (COMPOSE.dependsOn(service).containsKey(started) && indegree.merge(service, -1, Integer::sum) == 0) {
                    ready.add(service);
                }
            }
        }
        Set<String> stuck = new TreeSet<>(COMPOSE.services());
        order.forEach(stuck::remove);
        assertEquals(Set.of(), stuck, "these services wait for each other in a cycle");
        // The demo's order: campaigns are seeded through the updater before the bidder and tracker load them.
        assertTrue(order.indexOf("seed-campaigns") < order.indexOf("bidder"), order.toString());
        assertTrue(order.indexOf("seed-campaigns") < order.indexOf("tracker"), order.toString());
        assertTrue(order.indexOf("pubsub-updater") < order.indexOf("seed-campaigns"), order.toString());
    }

    // --- the hot store -------------------------------------------------------------------------------------

    /**
     * The engine runs with infra/docker/engine.conf and the mounted infra/acl/users.acl: its parser
     * accepts the file, the file names the mount, and every redis URL of the stack logs in to a real
     * engine loaded that way (and a wrong password does not). The engine's healthcheck, run as the
     * container runs it, passes against that engine.
     */
    @Test
    void everyRedisUrlLogsInToAnEngineWithTheMountedAclFile() throws Exception {
        Map<String, Path> mounts = COMPOSE.bindMounts("engine");
        Path conf = mounts.get(COMPOSE.command("engine").get(1));
        assertNotNull(conf, "the engine's --config file is mounted: " + mounts);
        EngineConfig config = ConfigFile.read(conf, EngineConfig.defaults());
        assertEquals("0.0.0.0", config.bindAddress(), "other containers reach the engine");
        assertEquals(REPO.resolve("infra/acl/users.acl"), mounts.get(config.aclFile()), "engine.conf's aclfile is the mounted users.acl");
        assertEquals(List.of(new ComposeFile.Port(config.port(), config.port())), COMPOSE.ports("engine"));

        Map<String, URI> urls = new LinkedHashMap<>();
        for (String service : COMPOSE.services()) {
            String url = COMPOSE.environment(service).get(Env.variableName("redis.url"));
            if (url != null) urls.put(service, URI.create(url));
        }
        urls.put("loadgen", URI.create(optionValue(COMPOSE.command("loadgen"), "--redis")));
        assertEquals(Set.of("bidder", "tracker", "pubsub-updater", "dashboard", "loadgen"), urls.keySet());

        try (CacheEngine engine = CacheEngine.start(config.withBindAddress("127.0.0.1").withPort(0)
                .withAclFile(mounts.get(config.aclFile()).toString()))) {
            Set<String> users = new HashSet<>();
            for (Map.Entry<String, URI> entry : urls.entrySet()) {
                URI url = entry.getValue();
                assertEquals("engine", url.getHost(), entry.getKey());
                assertEquals(config.port(), url.getPort(), entry.getKey());
                String[] userInfo = url.getUserInfo().split(":", 2);
                assertTrue(users.add(userInfo[0]), "each service is its own user: " + userInfo[0] + " twice");
                assertEquals("+OK", auth(engine.port(), userInfo[0], userInfo[1]), entry.getKey() + " logs in as " + userInfo[0]);
                assertTrue(auth(engine.port(), userInfo[0], userInfo[1] + "-wrong").startsWith("-"), "a wrong password is refused");
            }

            List<String> healthcheck = new ArrayList<>(COMPOSE.healthcheck("engine"));
            String script = healthcheck.getLast();
            assertTrue(script.contains("/dev/tcp/127.0.0.1/" + config.port()), script);
            healthcheck.set(healthcheck.size() - 1, script.replace("/dev/tcp/127.0.0.1/" + config.port(), "/dev/tcp/127.0.0.1/" + engine.port()));
            assertEquals(0, run(healthcheck), "the engine's healthcheck passes against a running engine");
        }
    }

    // --- Kafka ----------------------------------------------------------------------------------------------

    @Test
    void kafkaInitCreatesTheLocalStacksTopicsAndPartitions() {
        Map<String, String> init = COMPOSE.environment("kafka-init");
        assertEquals(Names.STACK_TOPICS, List.of(init.get("TOPICS").split(" ")));
        assertEquals(String.valueOf(Names.TOPIC_PARTITIONS), init.get("PARTITIONS"));
        String script = String.join(" ", COMPOSE.command("kafka-init"));
        assertTrue(script.contains("for topic in $TOPICS"), script);
        assertTrue(script.contains("--topic \"$topic\" --partitions \"$PARTITIONS\""), script);
        assertEquals("false", COMPOSE.environment("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "no topic but kafka-init's");
        // The containers' listener is what every service is given; the host's is what the ports publish.
        Map<String, String> kafka = COMPOSE.environment("kafka");
        assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("INTERNAL://kafka:19092"), kafka.toString());
        assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("EXTERNAL://localhost:9092"), kafka.toString());
        for (String service : COMPOSE.builtServices()) {
            String bootstrap = COMPOSE.environment(service).get(Env.variableName("kafka.bootstrap"));
            if (bootstrap != null) assertEquals("kafka:19092", bootstrap, service);
        }
        assertTrue(script.contains("--bootstrap-server kafka:19092"), script);
    }

    // --- the lake -------------------------------------------------------------------------------------------

    /** MinIO, its bucket, Trino's catalog and the cold store name the same bucket, keys, endpoint and metastore. */
    @Test
    void minioTrinoAndTheColdStoreAgreeOnTheLake() throws IOException {
        Map<String, String> cold = COMPOSE.environment("cold-store");
        URI lake = URI.create(cold.get("BIDTRACK_LAKE_DIR"));
        assertEquals("s3", lake.getScheme());
        assertEquals(COMPOSE.environment("minio-init").get("LAKE_BUCKET"), lake.getHost(), "the bucket minio-init creates");
        Map<String, String> minio = COMPOSE.environment("minio");
        assertEquals(minio.get("MINIO_ROOT_USER"), cold.get("BIDTRACK_S3_ACCESS_KEY"));
        assertEquals(minio.get("MINIO_ROOT_PASSWORD"), cold.get("BIDTRACK_S3_SECRET_KEY"));
        assertEquals(minio.get("MINIO_ROOT_USER"), COMPOSE.environment("minio-init").get("MINIO_ROOT_USER"));
        assertEquals(minio.get("MINIO_ROOT_PASSWORD"), COMPOSE.environment("minio-init").get("MINIO_ROOT_PASSWORD"));

        Properties catalog = catalog();
        assertEquals("hive", catalog.getProperty("connector.name"));
        assertEquals("file", catalog.getProperty("hive.metastore"));
        assertEquals(cold.get("BIDTRACK_LAKE_DIR") + "/metastore", catalog.getProperty("hive.metastore.catalog.dir"),
                "the metastore lives in the lake, where TrinoServerMain keeps it for ./bidtrack demo over S3");
        assertEquals(cold.get("BIDTRACK_S3_ENDPOINT"), catalog.getProperty("s3.endpoint"));
        assertEquals(cold.get("BIDTRACK_S3_REGION"), catalog.getProperty("s3.region"));
        assertEquals(cold.get("BIDTRACK_S3_PATH_STYLE"), catalog.getProperty("s3.path-style-access"));
        Map<String, String> trino = COMPOSE.environment("trino");
        for (String key : List.of("s3.aws-access-key", "s3.aws-secret-key")) {
            Matcher m = Pattern.compile("\\$\\{ENV:([A-Z0-9_]+)}").matcher(catalog.getProperty(key));
            assertTrue(m.matches(), key + " comes from Trino's environment, not the file: " + catalog.getProperty(key));
            assertEquals(cold.get(m.group(1)), trino.get(m.group(1)), key + ": Trino is given the cold store's key");
        }
        for (String service : List.of("cold-store", "tracker")) {
            assertEquals("jdbc:trino://trino:8080?user=bidtrack", COMPOSE.environment(service).get("BIDTRACK_TRINO_JDBC_URL"), service);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The catalog file mounted into Trino: the folder holds Names.LAKE_CATALOG's file and nothing else. */
    static Properties catalog() throws IOException {
        Path folder = COMPOSE.bindMounts("trino").get("/etc/trino/catalog");
        assertNotNull(folder, "trino mounts a catalog folder at /etc/trino/catalog");
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(Names.LAKE_CATALOG + ".properties"), files.map(p -> p.getFileName().toString()).toList());
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(folder.resolve(Names.LAKE_CATALOG + ".properties"))) {
            properties.load(in);
        }
        return properties;
    }

    /** The service's BIDTRACK_* variables (JAVA_OPTS and the like are the JVM's). */
    static Map<String, String> bidtrackVariables(String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        COMPOSE.environment(service).forEach((k, v) -> {
            if (k.startsWith("BIDTRACK_")) variables.put(k, v);
        });
        return variables;
    }

    /**
     * Reads the service's config record, {@code <package>.XConfig} next to its {@code XMain}, through
     * its {@code fromEnv(Env)}; an IllegalArgumentException names the bad setting.
     */
    static Object readConfig(String service, Env env) throws Exception {
        String main = COMPOSE.buildArgs(service).get("MAIN_CLASS");
        assertTrue(main.endsWith("Main"), service + ": " + main);
        String configClass = main.substring(0, main.length() - "Main".length()) + "Config";
        Method fromEnv;
        try {
            fromEnv = Class.forName(configClass).getMethod("fromEnv", Env.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new AssertionError(service + " is given BIDTRACK_* variables, but " + configClass + ".fromEnv(Env), which would"
                    + " read them, is not on the test classpath (infra/stack's test dependencies)", e);
        }
        try {
            return fromEnv.invoke(null, env);
        } catch (InvocationTargetException e) {
            throw new AssertionError(service + "'s settings are refused: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The services {@code service} waits for, directly or through the services it waits for. */
    private static Set<String> startsBefore(String service) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(COMPOSE.dependsOn(service).keySet());
        while (!next.isEmpty()) {
            String s = next.poll();
            if (seen.add(s)) next.addAll(COMPOSE.dependsOn(s).keySet());
        }
        return seen;
    }

    /** Where each service listens inside the network: its published container ports, its http.port, Kafka's listeners. */
    private static Map<String, Set<Integer>> listeningPorts() throws IOException {
        Map<String, Set<Integer>> ports = new HashMap<>();
        for (String service : COMPOSE.services()) {
            Set<Integer> set = new HashSet<>();
            COMPOSE.ports(service).forEach(p -> set.add(p.container()));
            String http = COMPOSE.environment(service).get(Env.variableName("http.port"));
            if (http != null) set.add(Integer.parseInt(http));
            ports.put(service, set);
        }
        Matcher listener = Pattern.compile("://:(\\d+)").matcher(COMPOSE.environment("kafka").get("KAFKA_LISTENERS"));
        while (listener.find()) ports.get("kafka").add(Integer.parseInt(listener.group(1)));
        ports.get("engine").add(ConfigFile.read(COMPOSE.bindMounts("engine").get(COMPOSE.command("engine").get(1)),
                EngineConfig.defaults()).port());
        return ports;
    }

    private static String optionValue(List<String> command, String option) {
        int i = command.indexOf(option);
        assertTrue(i >= 0 && i + 1 < command.size(), "no " + option + " in " + command);
        return command.get(i + 1);
    }

    /** AUTH over a plain socket: the engine's first reply line. */
    private static String auth(int port, String user, String password) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            String command = "*3\r\n$4\r\nAUTH\r\n$" + user.length() + "\r\n" + user + "\r\n$" + password.length() + "\r\n" + password + "\r\n";
            out.write(command.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("still running after 30 s: " + command);
        }
        return process.exitValue();
    }

    /** The modules the default build (no profile) builds, as folders: "common", "infra/stack", ... */
    private static Set<String> reactorModules() throws Exception {
        Set<String> modules = new TreeSet<>();
        collectModules(REPO, "", modules);
        return modules;
    }

    private static void collectModules(Path dir, String prefix, Set<String> modules) throws Exception {
        Element project = xml(dir.resolve("pom.xml")).getDocumentElement();
        for (Element list : children(project, "modules")) {
            for (Element module : children(list, "module")) {
                String name = prefix + module.getTextContent().trim();
                modules.add(name);
                if (Files.isRegularFile(REPO.resolve(name).resolve("pom.xml"))) {
                    collectModules(REPO.resolve(name), name + "/", modules);
                }
            }
        }
    }

    private static Map<String, String> pomProperties(Path pom) throws Exception {
        Map<String, String> properties = new HashMap<>();
        for (Element list : children(xml(pom).getDocumentElement(), "properties")) {
            NodeList nodes = list.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e) properties.put(e.getTagName(), e.getTextContent().trim());
            }
        }
        return properties;
    }

    /** Direct children only: {@code <modules>} inside {@code <profiles>} are not the default build's. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) found.add(e);
        }
        return found;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static Set<String> dockerfileArgs(Path dockerfile) throws IOException {
        Set<String> args = new TreeSet<>();
        for (String line : Files.readAllLines(dockerfile)) {
            if (line.startsWith("ARG ")) args.add(line.substring(4).split("=")[0].trim());
        }
        return args;
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("infra/docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) throw new IllegalStateException("no infra/docker-compose.yml above " + Path.of("").toAbsolutePath());
        return dir;
    }

    private static ComposeFile readCompose() {
        try {
            return ComposeFile.read(REPO.resolve("infra/docker-compose.yml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
