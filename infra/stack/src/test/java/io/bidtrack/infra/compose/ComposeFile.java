package io.bidtrack.infra.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * infra/docker-compose.yml as data: the parts of the Compose specification the stack uses, read
 * with Jackson's YAML parser. It refuses the forms the file avoids (environment as a list, ports as
 * objects, YAML merge keys), so every check sees one shape. Values are as Docker Compose would
 * pass them on, with {@code $$} (Compose's escape of a literal {@code $}) turned back into {@code $}.
 */
record ComposeFile(Path file, JsonNode root) {

    static ComposeFile read(Path file) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        if (root == null || !root.path("services").isObject()) {
            throw new IllegalArgumentException(file + " has no services");
        }
        return new ComposeFile(file, root);
    }

    /** The folder relative paths (build contexts, bind mounts) start from. */
    Path dir() {
        return file.toAbsolutePath().getParent();
    }

    List<String> services() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        if (!service.isObject()) {
            throw new IllegalArgumentException("no service " + name + " in " + file);
        }
        return service;
    }

    boolean isBuilt(String name) {
        return service(name).has("build");
    }

    /** The services built from our Dockerfile, that is our own processes. */
    List<String> builtServices() {
        return services().stream().filter(this::isBuilt).toList();
    }

    /** The build's arguments ({@code MODULE}, {@code MAIN_CLASS}). */
    Map<String, String> buildArgs(String name) {
        return stringMap(service(name).path("build").path("args"), name + ".build.args");
    }

    /** The build's context, resolved against the compose file's folder. */
    Path buildContext(String name) {
        return dir().resolve(text(service(name).path("build").path("context"), name + ".build.context")).normalize();
    }

    /** The build's Dockerfile, resolved against the build context. */
    Path dockerfile(String name) {
        return buildContext(name).resolve(text(service(name).path("build").path("dockerfile"), name + ".build.dockerfile")).normalize();
    }

    String image(String name) {
        return service(name).path("image").asText(null);
    }

    Map<String, String> environment(String name) {
        return stringMap(service(name).path("environment"), name + ".environment");
    }

    /** The container's arguments ({@code command}), as a list. */
    List<String> command(String name) {
        return stringList(service(name).path("command"), name + ".command");
    }

    /** "host:container" pairs of {@code ports}. */
    List<Port> ports(String name) {
        List<Port> ports = new ArrayList<>();
        for (String spec : stringList(service(name).path("ports"), name + ".ports")) {
            String[] parts = spec.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException(name + ".ports: use \"host:container\", got " + spec);
            }
            ports.add(new Port(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        }
        return ports;
    }

    record Port(int host, int container) {
    }

    /** The healthcheck's test in exec form ({@code ["CMD", ...]}), without the "CMD"; empty without one. */
    List<String> healthcheck(String name) {
        JsonNode test = service(name).path("healthcheck").path("test");
        if (test.isMissingNode()) {
            return List.of();
        }
        List<String> words = stringList(test, name + ".healthcheck.test");
        if (words.isEmpty() || !words.getFirst().equals("CMD")) {
            throw new IllegalArgumentException(name + ".healthcheck.test: use the exec form [\"CMD\", ...], got " + words);
        }
        return words.subList(1, words.size());
    }

    /** {@code depends_on}: each service this one waits for, and for what (service_healthy, ...). */
    Map<String, String> dependsOn(String name) {
        JsonNode dependsOn = service(name).path("depends_on");
        Map<String, String> conditions = new LinkedHashMap<>();
        if (dependsOn.isMissingNode()) {
            return conditions;
        }
        if (!dependsOn.isObject()) {
            throw new IllegalArgumentException(name + ".depends_on: use the long form (service: {condition: ...})");
        }
        dependsOn.fields().forEachRemaining(e -> conditions.put(e.getKey(),
                text(e.getValue().path("condition"), name + ".depends_on." + e.getKey() + ".condition")));
        return conditions;
    }

    /** Bind mounts "source:target[:ro]": target (in the container) to source, resolved against the compose file's folder. */
    Map<String, Path> bindMounts(String name) {
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (String spec : stringList(service(name).path("volumes"), name + ".volumes")) {
            String[] parts = spec.split(":");
            if (parts[0].startsWith(".") || parts[0].startsWith("/")) {
                mounts.put(parts[1], dir().resolve(parts[0]).normalize());
            }
        }
        return mounts;
    }

    List<String> profiles(String name) {
        return stringList(service(name).path("profiles"), name + ".profiles");
    }

    String restart(String name) {
        return service(name).path("restart").asText(null);
    }

    /** The host and port of a {@code scheme://[user:password@]host:port} URL or a {@code host:port} pair. */
    static URI address(String value) {
        return URI.create(value.contains("://") ? value : "tcp://" + value);
    }

    private static Map<String, String> stringMap(JsonNode node, String where) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return map;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": use a map (KEY: value)");
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("<<")) {
                throw new IllegalArgumentException(where + ": no YAML merge keys, please: spell the values out");
            }
            map.put(e.getKey(), unescape(text(e.getValue(), where + "." + e.getKey())));
        });
        return map;
    }

    private static List<String> stringList(JsonNode node, String where) {
        List<String> list = new ArrayList<>();
        if (node.isMissingNode()) {
            return list;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + ": use a list");
        }
        node.forEach(item -> list.add(unescape(text(item, where))));
        return list;
    }

    /** Scalars only: a number or boolean where a string belongs is read as Compose would, as its text. */
    private static String text(JsonNode node, String where) {
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(where + ": expected a value, got " + node);
        }
        return node.asText();
    }

    /** Compose interpolates {@code ${VAR}} and {@code $VAR}; the file uses only {@code $$}, a literal {@code $}. */
    private static String unescape(String value) {
        if (value.replace("$$", "").contains("$")) {
            throw new IllegalArgumentException("a single $ would be interpolated by Compose (write $$ for a literal $): " + value);
        }
        return value.replace("$$", "$");
    }
}
