package io.taskfleet.producer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy that adds a fixed delay to every byte in both directions, standing in for the network
 * between a worker on another host and the broker (this machine's kernel has no {@code netem}).
 *
 * <p>It listens on a local port; for each client connection it opens one to the target and runs two
 * pipes, one per direction. A pipe has a reader thread and a writer thread joined by a queue of
 * (release time, bytes): the reader stamps each chunk it reads with {@code now + delay} and queues
 * it; the writer takes chunks in order, waits until the release time and writes them. So every byte
 * arrives {@code delay} later and in order, while the reader keeps reading: bytes in flight are not
 * limited to one chunk per delay, and throughput is not reduced (a sleep per read would serialize
 * it). The queue is unbounded, as a link's buffer of a delay's worth of traffic.
 *
 * <p>Run alone: {@code DelayProxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS}.
 */
public final class DelayProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress target;
  private final long delayNanos;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Starts the proxy.
   *
   * @param listenPort local port to listen on (0: any free port, see {@link #port()})
   * @param target where each connection is forwarded
   * @param delayMillis delay added to every byte, each way
   */
  public DelayProxy(int listenPort, InetSocketAddress target, long delayMillis) throws IOException {
    if (delayMillis < 0) {
      throw new IllegalArgumentException("delay must be >= 0 ms, was " + delayMillis);
    }
    this.server = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress());
    this.target = target;
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    this.acceptor = new Thread(this::acceptLoop, "delay-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port the proxy listens on. */
  public int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(target);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        AtomicInteger open = new AtomicInteger(2);
        pipe(client, upstream, "up", open);
        pipe(upstream, client, "down", open);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** A chunk of bytes and the time ({@link System#nanoTime}) it may be written. */
  private record Chunk(long releaseAt, byte[] bytes) {}

  /** End of stream marker: the writer shuts the output down when it reaches it. */
  private static final Chunk EOF = new Chunk(0, new byte[0]);

  /**
   * Forwards {@code from}'s input to {@code to}'s output, delayed. At the end of the input it shuts
   * {@code to}'s output down (a half close, passed on); the last of the two pipes of a connection
   * to finish closes both sockets.
   */
  private void pipe(Socket from, Socket to, String name, AtomicInteger open) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              byte[] buffer = new byte[64 * 1024];
              try {
                InputStream in = from.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
              } catch (IOException e) {
                // the connection is gone: pass the end on
              }
              queue.add(EOF);
            },
            "delay-proxy-" + name + "-read");
    Thread writer =
        new Thread(
            () -> {
              try {
                OutputStream out = to.getOutputStream();
                while (true) {
                  Chunk chunk = queue.take();
                  if (chunk == EOF) {
                    to.shutdownOutput();
                    if (open.decrementAndGet() == 0) {
                      closeQuietly(from);
                      closeQuietly(to);
                    }
                    return;
                  }
                  long wait = chunk.releaseAt() - System.nanoTime();
                  if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                  }
                  out.write(chunk.bytes());
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                closeQuietly(from);
                closeQuietly(to);
              } finally {
                sockets.remove(to);
              }
            },
            "delay-proxy-" + name + "-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    sockets.forEach(DelayProxy::closeQuietly);
  }

  /** {@code DelayProxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS}: runs until killed. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: DelayProxy LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS");
      System.exit(2);
    }
    DelayProxy proxy =
        new DelayProxy(
            Integer.parseInt(args[0]),
            new InetSocketAddress(args[1], Integer.parseInt(args[2])),
            Long.parseLong(args[3]));
    System.out.println(
        "delay proxy on 127.0.0.1:"
            + proxy.port()
            + " -> "
            + args[1]
            + ":"
            + args[2]
            + ", "
            + args[3]
            + " ms each way");
    Thread.currentThread().join();
  }
}
