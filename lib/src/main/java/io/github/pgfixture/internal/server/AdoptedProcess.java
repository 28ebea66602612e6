package io.github.pgfixture.internal.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A postmaster that {@code pg_ctl start} launched, seen as a {@link Process}: it is not this JVM's
 * child, so it has no streams and its exit status is unknown ({@link #UNKNOWN_EXIT}); everything
 * else (pid, liveness, waiting, killing, descendants) goes through its {@link ProcessHandle}.
 */
final class AdoptedProcess extends Process {

    /** What {@link #exitValue()} returns once the process has ended: the status is not ours to read. */
    static final int UNKNOWN_EXIT = Integer.MIN_VALUE;

    private final ProcessHandle handle;

    AdoptedProcess(ProcessHandle handle) {
        this.handle = handle;
    }

    @Override
    public OutputStream getOutputStream() {
        return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            handle.onExit().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return UNKNOWN_EXIT;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            handle.onExit().get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int exitValue() {
        if (handle.isAlive()) {
            throw new IllegalThreadStateException("process " + handle.pid() + " has not exited");
        }
        return UNKNOWN_EXIT;
    }

    @Override
    public void destroy() {
        handle.destroy();
    }

    @Override
    public Process destroyForcibly() {
        handle.destroyForcibly();
        return this;
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive();
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return handle;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return handle.onExit().thenApply(h -> this);
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return handle.descendants();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return handle.children();
    }
}
