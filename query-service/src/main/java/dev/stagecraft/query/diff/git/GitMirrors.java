package dev.stagecraft.query.diff.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FileUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps one bare mirror clone per application repository under {@code stagecraft.query.git.cache-dir} and reads
 * commit ranges from it. A mirror is cloned on first use and fetched again only when a commit or tag a diff needs
 * is missing, at most once per {@code fetch-interval}. One diff at a time uses a given mirror.
 */
@Component
public class GitMirrors {

    private static final Logger log = LoggerFactory.getLogger(GitMirrors.class);
    private static final RefSpec ALL_REFS = new RefSpec("+refs/*:refs/*");

    private final GitProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final ConcurrentMap<Path, Mirror> mirrors = new ConcurrentHashMap<>();

    /**
     * Commit ranges already listed, by mirror and the two commit ids: the commits between two commits never change
     * (a commit id names its whole history), so a diff asked again — a dashboard refreshing, the same promotion
     * looked at by several people — skips the walk. The names are resolved to commits on every diff, since a tag or
     * a fetch can move what a version means. Least recently used ranges go first.
     */
    private final Map<RangeKey, CommitRange> ranges = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RangeKey, CommitRange> eldest) {
            return size() > CACHED_RANGES;
        }
    });

    private static final int CACHED_RANGES = 256;

    private record RangeKey(Path mirror, ObjectId from, ObjectId to) {}

    GitMirrors(GitProperties properties) {
        this.properties = properties;
    }

    /** The commits between {@code from} and {@code to} in {@code repository} (a clone URL or a local path). */
    public CommitRange between(String app, String repository, Revision from, Revision to) throws GitProblem {
        Path directory = properties.cacheDir().resolve(app + "-" + digest(repository) + ".git");
        Mirror mirror = mirrors.computeIfAbsent(directory, Mirror::new);
        synchronized (mirror) {
            return mirror.between(repository, from, to);
        }
    }

    /** One mirror directory and when it was last fetched. */
    private final class Mirror {

        private final Path directory;
        private @Nullable Instant fetchedAt;

        Mirror(Path directory) {
            this.directory = directory;
        }

        CommitRange between(String repository, Revision from, Revision to) throws GitProblem {
            String shown = Repositories.display(repository);
            if (!Files.isDirectory(directory)) {
                cloneFrom(repository, shown);
            }
            try (Git git = Git.open(directory.toFile())) {
                Repository repo = git.getRepository();
                Optional<Resolved> fromCommit = Resolved.of(repo, from);
                Optional<Resolved> toCommit = Resolved.of(repo, to);
                if ((fromCommit.isEmpty() || toCommit.isEmpty()) && mayFetch()) {
                    fetch(git, shown);
                    fromCommit = Resolved.of(repo, from);
                    toCommit = Resolved.of(repo, to);
                }
                Resolved f = fromCommit.orElseThrow(() -> missing(from, shown));
                Resolved t = toCommit.orElseThrow(() -> missing(to, shown));
                RangeKey key =
                        new RangeKey(directory, f.commit().copy(), t.commit().copy());
                CommitRange known = ranges.get(key);
                if (known == null) {
                    known = CommitLog.range(repo, f, t, properties.maxCommits());
                    ranges.put(key, known);
                }
                return new CommitRange(
                        known.fromCommit(),
                        f.ref(),
                        known.toCommit(),
                        t.ref(),
                        known.ahead(),
                        known.behind(),
                        known.truncated());
            } catch (IOException e) {
                throw new GitProblem(
                        "could not read the mirror of repository " + shown + " in " + directory + ": " + e.getMessage()
                                + "; delete that directory to have it cloned again",
                        e);
            }
        }

        private boolean mayFetch() {
            return fetchedAt == null || !clock.instant().isBefore(fetchedAt.plus(properties.fetchInterval()));
        }

        private GitProblem missing(Revision revision, String shown) {
            return new GitProblem(revision.describe() + " is not in repository " + shown
                    + (fetchedAt == null ? "" : " (last fetched " + fetchedAt + ")")
                    + "; push it, or check the environment's commit and version");
        }

        private void cloneFrom(String repository, String shown) throws GitProblem {
            try {
                Files.createDirectories(directory.getParent());
                Git.cloneRepository()
                        .setURI(repository)
                        .setDirectory(directory.toFile())
                        .setBare(true)
                        .setMirror(true)
                        .setTimeout(properties.timeoutSeconds())
                        .call()
                        .close();
                fetchedAt = clock.instant();
                log.info("mirrored repository {} into {}", shown, directory);
            } catch (GitAPIException | IOException | RuntimeException e) {
                deleteQuietly();
                throw new GitProblem(
                        "could not clone repository " + shown + ": "
                                + Repositories.display(String.valueOf(e.getMessage()))
                                + "; check that the application's repository is a reachable git URL or path",
                        e);
            }
        }

        private void fetch(Git git, String shown) throws GitProblem {
            fetchedAt = clock.instant();
            try {
                git.fetch()
                        .setRemote("origin")
                        .setRefSpecs(ALL_REFS)
                        .setRemoveDeletedRefs(true)
                        .setTimeout(properties.timeoutSeconds())
                        .call();
                log.info("fetched repository {} into {}", shown, directory);
            } catch (GitAPIException | RuntimeException e) {
                throw new GitProblem(
                        "could not fetch repository " + shown + ": "
                                + Repositories.display(String.valueOf(e.getMessage()))
                                + "; check that the application's repository is reachable",
                        e);
            }
        }

        private void deleteQuietly() {
            try {
                FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
            } catch (IOException e) {
                log.warn("could not delete the unfinished mirror {}: {}", directory, e.getMessage());
            }
        }
    }

    private static String digest(String repository) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(repository.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
