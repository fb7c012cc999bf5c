/**
 * The benchmark harness: starts Stagecraft, offers it deployments at fixed rates through its REST API, times
 * each one until its {@code deployment.succeeded} event reaches the harness's own queue, measures the broker
 * and database floor in the same run, and reports Markdown and JSON.
 */
@NullMarked
package dev.stagecraft.bench;

import org.jspecify.annotations.NullMarked;
