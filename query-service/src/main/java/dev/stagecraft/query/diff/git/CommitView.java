package dev.stagecraft.query.diff.git;

import java.time.Instant;

/** One commit as the diff lists it. */
public record CommitView(String sha, String shortSha, String author, Instant date, String subject) {}
