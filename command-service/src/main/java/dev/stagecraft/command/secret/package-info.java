/**
 * Secret values: sealing them on arrival ({@code SecretBox}, bound to {@code app/env/KEY}, or <code>app/&#42;/KEY</code>
 * for an application's defaults) so that plaintext is never stored or published, and recognising Vault
 * references ({@code vault:<mount>/<path>#<key>}), which are not secret and travel as they are.
 */
@NullMarked
package dev.stagecraft.command.secret;

import org.jspecify.annotations.NullMarked;
