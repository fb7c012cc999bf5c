package dev.stagecraft.deployer.driver.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A call's process and every process it started: its descendants, and, when it was started through
 * {@code setsid} (it then leads a process group of its own whose id is its pid), every member of that group,
 * which also finds processes whose parent has exited (daemonized with {@code &} in a subshell). Group
 * membership is read from {@code /proc} (Linux); elsewhere only descendants are found.
 */
final class ProcessTree {

    private final Process root;
    private final boolean ownGroup;

    ProcessTree(Process root, boolean ownGroup) {
        this.root = root;
        this.ownGroup = ownGroup && group(ProcessHandle.current().pid()) != root.pid();
    }

    /** SIGTERM to every member; SIGKILL to those still there after {@code grace}; waits for them to end. */
    void kill(Duration grace) {
        List<ProcessHandle> members = members();
        members.forEach(ProcessHandle::destroy);
        if (!awaitExit(members, grace)) {
            List<ProcessHandle> left = members(); // including any started meanwhile
            left.forEach(ProcessHandle::destroyForcibly);
            awaitExit(left, grace);
        }
    }

    private List<ProcessHandle> members() {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        Stream.concat(Stream.of(root.toHandle()), root.descendants())
                .forEach(process -> members.put(process.pid(), process));
        if (ownGroup) {
            long self = ProcessHandle.current().pid();
            ProcessHandle.allProcesses()
                    .filter(process -> process.pid() != self && group(process.pid()) == root.pid())
                    .forEach(process -> members.putIfAbsent(process.pid(), process));
        }
        return members.values().stream().filter(ProcessHandle::isAlive).toList();
    }

    /** The process group of {@code pid} (field 5 of {@code /proc/<pid>/stat}), or -1 if it cannot be read. */
    static long group(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits =
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
