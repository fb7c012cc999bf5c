/** What every REST adapter shares: problem answers, CORS, paging. */
@NullMarked
package dev.stagecraft.query.web;

import org.jspecify.annotations.NullMarked;
