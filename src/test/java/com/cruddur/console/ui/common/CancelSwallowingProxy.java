package com.cruddur.console.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A TCP proxy in front of a PostgreSQL server that passes every connection through except cancel requests, which
 * it accepts and never answers: a server whose cancel path hangs. pgjdbc's {@code Statement.cancel()} then blocks
 * for its cancelSignalTimeout (10 s), which shows whether a cancel blocks the thread it is called on.
 */
public final class CancelSwallowingProxy implements AutoCloseable {
    private static final int CANCEL_REQUEST_CODE = 80877102;

    private final ServerSocket server;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Counted down when a cancel request arrives (and is swallowed). */
    public final CountDownLatch cancelRequested = new CountDownLatch(1);

    public CancelSwallowingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "cancel-swallowing-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon(() -> handle(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            byte[] first = client.getInputStream().readNBytes(8);
            if (first.length == 8 && ByteBuffer.wrap(first).getInt(4) == CANCEL_REQUEST_CODE) {
                cancelRequested.countDown();
                return; // held open, never answered, until close()
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(upstream);
            upstream.getOutputStream().write(first);
            InputStream fromServer = upstream.getInputStream();
            daemon(() -> pump(fromServer, client));
            pump(client.getInputStream(), upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private static void pump(InputStream in, Socket to) {
        try (InputStream src = in) {
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = src.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // either side closed
        } finally {
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "cancel-swallowing-proxy-io");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(CancelSwallowingProxy::closeQuietly);
    }
}
