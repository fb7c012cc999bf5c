package dev.stagecraft.query.diff.git;

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;

/** A revision resolved to a commit that the repository holds, and the name it was found by. */
record Resolved(ObjectId commit, String ref) {

    /** The first candidate of {@code revision} naming a commit (or an annotated tag of one) present in {@code repo}. */
    static Optional<Resolved> of(Repository repo, Revision revision) throws IOException {
        for (String candidate : revision.candidates()) {
            Optional<ObjectId> commit = commit(repo, candidate);
            if (commit.isPresent()) {
                return Optional.of(new Resolved(commit.get(), candidate));
            }
        }
        return Optional.empty();
    }

    private static Optional<ObjectId> commit(Repository repo, String name) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            ObjectId id = repo.resolve(name);
            return id == null
                    ? Optional.empty()
                    : Optional.of(walk.parseCommit(id).copy());
        } catch (MissingObjectException | IncorrectObjectTypeException | AmbiguousObjectException e) {
            return Optional.empty();
        } catch (RevisionSyntaxException e) {
            return Optional.empty();
        }
    }
}
