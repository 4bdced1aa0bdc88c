package io.bidtrack.engine.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** The connected clients, and the id counter (CLIENT ID). Used only by the engine thread. */
public final class ClientRegistry {
    private final Map<Long, Client> clients = new LinkedHashMap<>();
    private long lastId;

    public long nextId() {
        return ++lastId;
    }

    public void add(Client client) {
        clients.put(client.id(), client);
    }

    public void remove(Client client) {
        clients.remove(client.id());
    }

    /** The connected client with this id, or null. */
    public Client byId(long id) {
        return clients.get(id);
    }

    public int size() {
        return clients.size();
    }

    public Iterable<Client> all() {
        return clients.values();
    }
}
