/**
 * The web dashboard: static files under {@code static/} (served at {@code /}) and the small configuration it reads
 * first, {@code /dashboard/config.json}, which tells the browser where command-service and notifier-service answer.
 */
@NullMarked
package dev.stagecraft.query.dashboard;

import org.jspecify.annotations.NullMarked;
