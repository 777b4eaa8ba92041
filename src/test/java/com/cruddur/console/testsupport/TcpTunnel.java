package com.cruddur.console.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on a loopback port of its own to another host and port, as an SSH tunnel to production is: a client
 * sees another port (and could see another host name), the server is the same. Closing it ends every forwarded
 * connection.
 */
public final class TcpTunnel implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private TcpTunnel(ServerSocket listener, String host, int port) {
        this.listener = listener;
        Thread accept = new Thread(() -> acceptLoop(host, port), "tunnel-accept-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** A tunnel from a free loopback port to {@code host:port}. */
    public static TcpTunnel to(String host, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new TcpTunnel(s, host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop(String host, int port) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side went away: the other is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tunnel-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(TcpTunnel::closeQuietly);
    }
}
