@NullMarked
package dev.stagecraft.contracts.event;

import org.jspecify.annotations.NullMarked;
