package io.bidtrack.loadgen;

import io.vertx.core.http.HttpClosedException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/** Short names for the ways a request can fail, used as keys in the error counts. */
final class ErrorKinds {
    static final String UNFINISHED = "unfinished";

    private ErrorKinds() {
    }

    static String ofStatus(int status) {
        return "http-" + status;
    }

    static String of(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (t instanceof TimeoutException || root instanceof TimeoutException) {
            return "timeout";
        }
        if (root instanceof ConnectException) {
            return "connect";
        }
        if (root instanceof UnknownHostException) {
            return "unknown-host";
        }
        if (t instanceof HttpClosedException || root instanceof HttpClosedException) {
            return "closed";
        }
        String msg = String.valueOf(root.getMessage()).toLowerCase();
        if (msg.contains("timeout") || msg.contains("timed out")) {
            return "timeout";
        }
        if (msg.contains("closed") || msg.contains("reset")) {
            return "closed";
        }
        return root.getClass().getSimpleName();
    }
}
