package dev.stagecraft.command.webhook;

/** Deliveries shaped as GitHub sends them (the push payload of GitHub's web hook documentation, abridged). */
final class GitHubPayloads {

    static final String SHA = "0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c";
    static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private GitHubPayloads() {}

    /** A push of {@code sha} to {@code branch} of {@code fullName} (owner/name) by {@code pusher}. */
    static String push(String fullName, String branch, String sha, String pusher) {
        String owner = fullName.substring(0, fullName.indexOf('/'));
        String name = fullName.substring(fullName.indexOf('/') + 1);
        return """
                {
                  "ref": "refs/heads/%3$s",
                  "before": "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                  "after": "%4$s",
                  "repository": {
                    "id": 186853002,
                    "node_id": "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
                    "name": "%2$s",
                    "full_name": "%1$s/%2$s",
                    "private": false,
                    "owner": {"name": "%1$s", "email": null, "login": "%1$s", "id": 21031067, "type": "Organization"},
                    "html_url": "https://github.com/%1$s/%2$s",
                    "description": null,
                    "fork": false,
                    "url": "https://github.com/%1$s/%2$s",
                    "created_at": 1557933565,
                    "updated_at": "2019-05-15T15:20:41Z",
                    "pushed_at": 1557933657,
                    "git_url": "git://github.com/%1$s/%2$s.git",
                    "ssh_url": "git@github.com:%1$s/%2$s.git",
                    "clone_url": "https://github.com/%1$s/%2$s.git",
                    "svn_url": "https://github.com/%1$s/%2$s",
                    "default_branch": "main",
                    "master_branch": "main"
                  },
                  "pusher": {"name": "%5$s", "email": "%5$s@users.noreply.github.com"},
                  "sender": {"login": "%5$s", "id": 21031067, "type": "User", "site_admin": false},
                  "created": false,
                  "deleted": %6$s,
                  "forced": false,
                  "base_ref": null,
                  "compare": "https://github.com/%1$s/%2$s/compare/6113728f27ae...%4$.12s",
                  "commits": [
                    {
                      "id": "%4$s",
                      "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
                      "distinct": true,
                      "message": "Fix the checkout total\\n\\nRounding happened twice.",
                      "timestamp": "2026-12-03T10:12:20+01:00",
                      "url": "https://github.com/%1$s/%2$s/commit/%4$s",
                      "author": {"name": "The Octocat", "email": "octocat@github.com", "username": "%5$s"},
                      "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
                      "added": [],
                      "removed": [],
                      "modified": ["src/checkout.js"]
                    }
                  ],
                  "head_commit": {
                    "id": "%4$s",
                    "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
                    "distinct": true,
                    "message": "Fix the checkout total\\n\\nRounding happened twice.",
                    "timestamp": "2026-12-03T10:12:20+01:00",
                    "url": "https://github.com/%1$s/%2$s/commit/%4$s",
                    "author": {"name": "The Octocat", "email": "octocat@github.com", "username": "%5$s"},
                    "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
                    "added": [],
                    "removed": [],
                    "modified": ["src/checkout.js"]
                  }
                }
                """.formatted(owner, name, branch, sha, pusher, ZERO_SHA.equals(sha));
    }
}
