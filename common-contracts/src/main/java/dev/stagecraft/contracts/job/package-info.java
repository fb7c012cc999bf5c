@NullMarked
package dev.stagecraft.contracts.job;

import org.jspecify.annotations.NullMarked;
