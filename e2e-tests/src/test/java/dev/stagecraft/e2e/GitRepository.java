package dev.stagecraft.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository made with the git command line, standing in for an application's repository. */
final class GitRepository {

    final Path path;

    private GitRepository(Path path) {
        this.path = path;
    }

    static GitRepository create(Path path) throws IOException {
        Files.createDirectories(path);
        GitRepository repository = new GitRepository(path);
        repository.git("init", "--quiet", "--initial-branch=main");
        repository.git("config", "user.email", "carol@example.com");
        repository.git("config", "user.name", "Carol");
        return repository;
    }

    /** Commits a change of {@code file} with {@code message}; answers the new commit's full SHA. */
    String commit(String file, String content, String message) throws IOException {
        Files.writeString(path.resolve(file), content);
        git("add", file);
        git("commit", "--quiet", "-m", message);
        return git("rev-parse", "HEAD").strip();
    }

    private String git(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", path.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return output;
    }
}
