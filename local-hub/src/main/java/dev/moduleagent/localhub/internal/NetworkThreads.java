package dev.moduleagent.localhub.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.concurrent.TimeUnit;

/**
 * The hub's threads: one acceptor, I/O threads for TLS and codecs, and a separate executor group for handlers that
 * touch the database, so that a slow commit never stalls the I/O of other clients. Events of one channel stay in
 * order because Netty pins a channel to one executor of the group.
 */
public final class NetworkThreads implements AutoCloseable {

    private static final long QUIET_MILLIS = 100;
    /**
     * Handler threads (each channel is bound to one). A twin write blocks its handler thread until its group commit,
     * so these bound how many writes share one commit: with 4 (the earlier count) a commit carried at most 4 reported
     * patches and 1000 clients' PATCH rate was 0.13x mosquitto's; see the README's throughput figures.
     */
    static final int HANDLER_THREADS = 32;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutorGroup handlers;

    public NetworkThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("hub-accept"));
        this.workers = new NioEventLoopGroup(Math.max(2, cores), new DefaultThreadFactory("hub-io"));
        this.handlers = new DefaultEventExecutorGroup(Math.max(HANDLER_THREADS, cores * 2), new DefaultThreadFactory("hub-handler"));
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public EventExecutorGroup handlers() {
        return handlers;
    }

    /**
     * Stops all three groups together with a short quiet period: a closing channel's pipeline hops between its I/O
     * thread and its handler thread, so neither may stop while the other still hands it work.
     */
    @Override
    public void close() {
        boss.shutdownGracefully(QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS);
        handlers.shutdownGracefully(QUIET_MILLIS, 2000, TimeUnit.MILLISECONDS);
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        handlers.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
