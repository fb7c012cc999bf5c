/**
 * Secret values of jobs: opening sealed ones, reading Vault references ({@code vault:<mount>/<path>#<key>}, KV
 * version 2), and hiding every value the worker ever had in what it publishes.
 */
@NullMarked
package dev.stagecraft.deployer.secret;

import org.jspecify.annotations.NullMarked;
