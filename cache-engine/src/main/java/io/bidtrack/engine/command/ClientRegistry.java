package io.bidtrack.engine.command;

import java.util.ArrayList;
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

    /**
     * The periodic client-output-buffer-limit check: a client paused by backpressure gets no new
     * output, so only this notices that it stayed over its soft limit for too long (as Redis'
     * clientsCron does for idle clients). Over a copy: closing a client removes it from the map.
     */
    public void enforceOutputBufferLimits() {
        for (Client c : new ArrayList<>(clients.values())) {
            c.enforceOutputBufferLimit();
        }
    }

    public Iterable<Client> all() {
        return clients.values();
    }
}
