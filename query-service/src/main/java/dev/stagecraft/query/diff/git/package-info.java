/** Reads commits of an application's repository from a bare mirror clone kept under a cache directory (JGit). */
@NullMarked
package dev.stagecraft.query.diff.git;

import org.jspecify.annotations.NullMarked;
