/** Message records, topology names and the JSON codec shared by every Stagecraft service. */
@NullMarked
package dev.stagecraft.contracts;

import org.jspecify.annotations.NullMarked;
