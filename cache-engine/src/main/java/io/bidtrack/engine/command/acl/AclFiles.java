package io.bidtrack.engine.command.acl;

import io.bidtrack.engine.command.Client;
import io.bidtrack.engine.command.RedisError;
import io.bidtrack.engine.resp.CommandArgs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ACL SAVE and ACL LOAD, which need the {@code aclfile} setting. */
final class AclFiles {
    private static final Logger log = LoggerFactory.getLogger(AclFiles.class);
    private static final RedisError NO_ACL_FILE = new RedisError("ERR This Redis instance is not configured to use "
            + "an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG "
            + "REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis "
            + "configuration.");

    private AclFiles() {
    }

    private static String file(Client client) {
        String file = client.engine().config().aclFile();
        if (file.isEmpty()) {
            throw NO_ACL_FILE;
        }
        return file;
    }

    static void save(Client client, CommandArgs args) {
        String file = file(client);
        try {
            client.engine().acl().save(Path.of(file));
        } catch (IOException | RuntimeException e) {
            log.warn("ACL SAVE to {} failed", file, e);
            throw new RedisError("ERR There was an error trying to save the ACLs. Please check the server logs "
                    + "for more information");
        }
        client.reply().ok();
    }

    static void load(Client client, CommandArgs args) {
        String file = file(client);
        List<Client> clients = new ArrayList<>();
        client.engine().clients().all().forEach(clients::add);
        String errors = client.engine().acl().load(Path.of(file), file, client, clients);
        if (errors != null) {
            throw new RedisError("ERR " + errors);
        }
        client.reply().ok();
    }
}
