/**
 * The promotion pipeline: {@code promote} (next-stage resolution, the previous-stage rule, {@code force}),
 * approvals of stages that require them (four eyes), auto-promotion of a version that succeeded in the stage
 * before an {@code autoPromote} stage, {@code rollback} and the versions it marks bad. Every deployment these
 * decide is carried out by {@code EnvironmentDecisions}, as any other deployment of a version is.
 */
@NullMarked
package dev.stagecraft.command.promotion;

import org.jspecify.annotations.NullMarked;
