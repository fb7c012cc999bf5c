@NullMarked
package dev.stagecraft.contracts.command;

import org.jspecify.annotations.NullMarked;
