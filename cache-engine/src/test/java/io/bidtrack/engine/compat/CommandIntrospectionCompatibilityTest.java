package io.bidtrack.engine.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bidtrack.engine.testing.Reply;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * COMMAND and its subcommands against redis-server: COMMAND INFO of every command and subcommand
 * the engine has, COMMAND LIST and its filters, COMMAND GETKEYS(ANDFLAGS) for every family.
 *
 * <p>Redis keeps subcommands in a hash table with a random seed, so their order in a container's
 * entry (and in COMMAND LIST) differs from run to run: those are compared as sets. Everything else,
 * flags, categories, tips and key specs included, must be identical in order too.
 */
class CommandIntrospectionCompatibilityTest extends CompatibilityTest {

    @Test
    void commandInfoOfEveryCommandAndSubcommandIsRedis() {
        List<String> names = engineList();
        assertTrue(names.size() > 200, () -> "engine lists " + names.size() + " names");
        compareInfo(names);
        // RESP3 shows key specs as maps and flags as sets.
        sameHello("HELLO 3");
        compareInfo(names);
        sameHello("HELLO 2");
        // The same entries come in COMMAND INFO without names and in COMMAND, one per top-level command.
        Set<String> topLevel = new TreeSet<>(names.stream().filter(n -> !n.contains("|")).toList());
        assertEquals(topLevel, new TreeSet<>(byName(subject.call("COMMAND")).keySet()));
        assertEquals(topLevel, new TreeSet<>(byName(subject.call("COMMAND", "INFO")).keySet()));
        assertEquals(topLevel.size(), subject.call("COMMAND", "COUNT").asLong());
    }

    private void compareInfo(List<String> names) {
        for (String name : names) {
            Reply expected = reference.call("COMMAND", "INFO", name).element(0);
            Reply actual = subject.call("COMMAND", "INFO", name).element(0);
            assertFalse(expected.isNull(), () -> "redis has no command " + name);
            assertEquals(expected.elements().subList(0, 9), actual.elements().subList(0, 9), () -> "COMMAND INFO " + name);
            Map<String, Reply> theirs = byName(expected.element(9));
            Map<String, Reply> ours = byName(actual.element(9));
            for (Map.Entry<String, Reply> sub : ours.entrySet()) {
                assertEquals(theirs.get(sub.getKey()), sub.getValue(), () -> "COMMAND INFO " + name + ", " + sub.getKey());
            }
        }
    }

    @Test
    void commandInfoForSeveralNamesAndUnknownOnes() {
        sameAll("COMMAND INFO get nosuch zunionstore", "COMMAND INFO nosuch", "command info XREAD xreadgroup",
                "COMMAND INFO client|list CLIENT|KILL client|nosuch nosuch|list get|x", "COMMAND INFO lmpop blmpop zmpop bzmpop",
                "COMMAND INFO zintercard sintercard lcs");
        sameHello("HELLO 3");
        sameAll("COMMAND INFO zunion xread set", "COMMAND INFO nosuch");
    }

    /** The engine lists what it implements: a subset of Redis' list, whatever the filter. */
    @Test
    void commandListAndItsFilters() {
        Set<String> ours = new TreeSet<>(engineList());
        assertEquals(engineList().size(), ours.size(), "no name twice");
        Set<String> theirs = names(reference.call("COMMAND", "LIST"));
        assertTrue(theirs.containsAll(ours), () -> "redis has none of " + without(ours, theirs));
        assertTrue(ours.contains("acl|cat") && ours.contains("client|list") && ours.contains("get"));
        List<String[]> filters = new ArrayList<>();
        for (Reply category : reference.call("ACL", "CAT").elements()) {
            filters.add(new String[] {"ACLCAT", category.text()});
        }
        filters.add(new String[] {"ACLCAT", "STRING"});
        filters.add(new String[] {"ACLCAT", "nosuch"});
        filters.add(new String[] {"ACLCAT", "all"});
        filters.add(new String[] {"ACLCAT", "@read"});
        for (String pattern : List.of("*", "z*", "Z*", "*|help", "client|*", "config", "CONFIG|GET", "?et", "x[a-r]*",
                "*store", "nosuch", "*|*", "")) {
            filters.add(new String[] {"PATTERN", pattern});
        }
        filters.add(new String[] {"MODULE", "nosuch"});
        for (String[] f : filters) {
            Set<String> expected = names(reference.call("COMMAND", "LIST", "FILTERBY", f[0], f[1]));
            expected.retainAll(ours);
            assertEquals(expected, names(subject.call("COMMAND", "LIST", "filterby", f[0], f[1])),
                    () -> "COMMAND LIST FILTERBY " + String.join(" ", f));
        }
        sameAll("COMMAND LIST FILTERBY", "COMMAND LIST FILTERBY PATTERN", "COMMAND LIST FOO", "COMMAND LIST FILTERBY FOO x",
                "COMMAND LIST FILTERBY PATTERN x y", "COMMAND LIST FILTERBY MODULE", "COMMAND LIST x y z",
                "COMMAND COUNT x", "COMMAND FOO", "COMMAND HELP", "command help", "COMMAND HELP x");
    }

    @Test
    void getKeysOfEveryFamily() {
        for (String call : List.of(
                // strings, SET's flags depend on GET
                "get k", "set k v", "set k v GET", "set k v px 100 get", "set k get", "mget a b c", "mset a 1 b 2",
                "mset a 1 b", "msetnx a 1 b 2", "getex k persist", "append k v", "lcs a b", "lcs a b LEN", "incr k",
                // keys
                "del a b c", "unlink a b", "exists a b", "rename a b", "renamenx a b", "copy a b db 1", "move k 1",
                "expire k 10", "object encoding k", "OBJECT FREQ k", "type k", "touch a b",
                // hashes, lists, sets
                "hset h f v", "hgetall h", "lpush l a b", "lmove a b left right", "blmove a b left right 0",
                "rpoplpush a b", "blpop a b 0", "brpop a 0", "lmpop 2 a b left", "blmpop 0 2 a b left count 1",
                "sadd s m", "sinter a b", "sinterstore d a b", "sdiffstore d a", "smove a b m", "sintercard 2 a b limit 1",
                "sintercard 1 a",
                // sorted sets
                "zadd z 1 m", "zrangestore d s 0 -1", "zunion 2 a b", "zunion 2 a b weights 1 2 withscores",
                "zinter 1 a", "zdiff 3 a b c", "zunionstore d 2 a b", "zinterstore d 1 a aggregate max",
                "zdiffstore d 2 a b", "zintercard 2 a b", "zmpop 2 a b min", "bzmpop 0 1 a max count 2",
                "bzpopmin a b 0", "zscan z 0",
                // streams
                "xadd s * f v", "xread streams a 0", "xread count 2 streams a b 0 0", "XREAD COUNT 2 STREAMS a b 0",
                "xread block 0 streams streams 0", "xread count streams a 0",
                "xreadgroup group g c streams a 0", "xreadgroup group g c count 1 noack streams a b 0 0",
                "xinfo stream s", "xinfo groups s", "xgroup create s g $", "xgroup createconsumer s g c",
                "xack s g 1-1", "xclaim s g c 0 1-1", "xautoclaim s g c 0 0", "xpending s g", "xsetid s 1-1",
                // others: transactions, server
                "watch a b", "memory usage k")) {
            same("COMMAND GETKEYS " + call);
            same("COMMAND GETKEYSANDFLAGS " + call);
        }
    }

    /** Malformed numkeys: Redis falls back to each command's own parser, which reads the count with atoi. */
    @Test
    void getKeysWithMalformedArguments() {
        for (String call : List.of("zunion 0 a b", "zunion 5 a b", "zunion -1 a b", "zunion x a b", "zunion 2x a b",
                "zunion +2 a b", "zunion \" 1\" a b", "zunion 02 a b", "zunion 99999999999999999999 a b",
                "zunion 4294967298 a b", "zunion -0 a", "zunionstore d 0 a b", "zunionstore d 2x a b",
                "zunionstore d 3 a b", "zinterstore d 1x a", "zdiffstore d 9 a", "sintercard 0 a b",
                "sintercard 2x a b", "sintercard 5 a b", "zintercard 2x a b", "zintercard 0 a", "lmpop 0 a left",
                "lmpop 2x a b left", "lmpop 5 a b", "blmpop 0 2x a b left", "blmpop 0 0 a left", "zmpop 2x a b min",
                "zmpop 3 a b min", "bzmpop 0 2x a b min", "xread streams a b c", "xread streams a", "xread count 1 streams a",
                "xread count 1 block 0 a 0", "xreadgroup group g c count 1 a 0", "xreadgroup group g c streams a",
                "xreadgroup group streams c streams a 0")) {
            same("COMMAND GETKEYS " + call);
            same("COMMAND GETKEYSANDFLAGS " + call);
        }
    }

    @Test
    void getKeysErrors() {
        sameAll("COMMAND GETKEYS", "COMMAND GETKEYS get", "COMMAND GETKEYS nosuch a", "COMMAND GETKEYS ping x",
                "COMMAND GETKEYS get a b", "COMMAND GETKEYS set a", "COMMAND GETKEYS client list",
                "COMMAND GETKEYS client", "COMMAND GETKEYS object nosuch k", "COMMAND GETKEYS OBJECT ENCODING",
                "COMMAND GETKEYSANDFLAGS publish c m", "COMMAND GETKEYSANDFLAGS multi x", "COMMAND GETKEYS command getkeys get k",
                "COMMAND GETKEYS acl dryrun u get k", "COMMAND GETKEYS sintercard 1", "COMMAND GETKEYS xread streams a",
                "COMMAND GETKEYS client unblock 1", "COMMAND GETKEYS client help", "COMMAND GETKEYSANDFLAGS",
                "command getkeys GET K");
    }

    private List<String> engineList() {
        List<String> names = new ArrayList<>();
        subject.call("COMMAND", "LIST").elements().forEach(r -> names.add(r.text()));
        return names;
    }

    private static Map<String, Reply> byName(Reply entries) {
        Map<String, Reply> map = new TreeMap<>();
        for (Reply entry : entries.elements()) {
            assertNotNull(entry.elements(), () -> "entry " + entry);
            map.put(entry.element(0).text(), entry);
        }
        return map;
    }

    private static Set<String> names(Reply list) {
        Set<String> names = new TreeSet<>();
        list.elements().forEach(r -> names.add(r.text()));
        return names;
    }

    private static Set<String> without(Set<String> a, Set<String> b) {
        Set<String> rest = new LinkedHashSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
