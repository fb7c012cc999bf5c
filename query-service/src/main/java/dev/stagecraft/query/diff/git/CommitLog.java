package dev.stagecraft.query.diff.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/** Lists the commits of a range, newest first, as {@code git log exclude..include} does. */
final class CommitLog {

    private CommitLog() {}

    static CommitRange range(Repository repo, Resolved from, Resolved to, int max) throws IOException {
        List<CommitView> ahead = new ArrayList<>();
        List<CommitView> behind = new ArrayList<>();
        boolean truncated = list(repo, from.commit(), to.commit(), max, ahead)
                | list(repo, to.commit(), from.commit(), max, behind);
        return new CommitRange(
                from.commit().name(), from.ref(), to.commit().name(), to.ref(), ahead, behind, truncated);
    }

    /** Adds up to {@code max} commits of {@code exclude..include} to {@code into}; true if there were more. */
    private static boolean list(Repository repo, ObjectId include, ObjectId exclude, int max, List<CommitView> into)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.markStart(walk.parseCommit(include));
            walk.markUninteresting(walk.parseCommit(exclude));
            for (RevCommit commit : walk) {
                if (into.size() == max) {
                    return true;
                }
                into.add(view(commit));
            }
            return false;
        }
    }

    private static CommitView view(RevCommit commit) {
        PersonIdent author = commit.getAuthorIdent();
        return new CommitView(
                commit.name(),
                commit.abbreviate(7).name(),
                author.getName(),
                author.getWhenAsInstant(),
                commit.getShortMessage());
    }
}
