package io.bidtrack.engine.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple, blocking RESP client for tests: sends commands as multibulk arrays (or
 * raw bytes) and reads typed {@link Reply}s, RESP2 and RESP3. Independent of the engine's own code,
 * so the tests do not check the engine against itself.
 */
public final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RespClient connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            socket.setTcpNoDelay(true);
            return new RespClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to 127.0.0.1:" + port, e);
        }
    }

    /** Sends a command (arguments as Latin-1 text) and reads its reply. */
    public Reply call(String... args) {
        send(args);
        return read();
    }

    public Reply call(byte[]... args) {
        send(args);
        return read();
    }

    public void send(String... args) {
        byte[][] bytes = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            bytes[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
        }
        send(bytes);
    }

    public void send(byte[]... args) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] arg : args) {
            frame.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            frame.writeBytes(arg);
            frame.writeBytes(new byte[] {'\r', '\n'});
        }
        sendRaw(frame.toByteArray());
    }

    public void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Reply read() {
        try {
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the server closes the connection within {@code millis}, discarding anything it sends. */
    public boolean closedByPeerWithin(int millis) {
        try {
            socket.setSoTimeout(millis);
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // keep draining until EOF
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset also means closed
        }
    }

    public void soTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection; nothing to do
        }
    }

    private Reply readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        return switch (type) {
            case '+', '-', ':', ',', '#', '(' -> new Reply((char) type, line, null);
            case '_' -> new Reply('_', null, null);
            case '$', '=' -> {
                int length = Integer.parseInt(line);
                yield new Reply((char) type, length < 0 ? null : readBulk(length), null);
            }
            case '*', '~', '>' -> {
                int count = Integer.parseInt(line);
                yield new Reply((char) type, null, count < 0 ? null : readElements(count));
            }
            case '%' -> new Reply('%', null, readElements(Integer.parseInt(line) * 2));
            default -> throw new IOException("unexpected reply type '" + (char) type + "' followed by " + line);
        };
    }

    private List<Reply> readElements(int count) throws IOException {
        List<Reply> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            elements.add(readReply());
        }
        return elements;
    }

    private String readBulk(int length) throws IOException {
        byte[] data = in.readNBytes(length + 2);
        if (data.length != length + 2) {
            throw new EOFException("connection closed inside a bulk string");
        }
        return new String(data, 0, length, StandardCharsets.ISO_8859_1);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a reply line");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }
}
