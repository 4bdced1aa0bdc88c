/** Sets commands. */
package io.bidtrack.engine.command.sets;
