/**
 * List commands: pushes and pops at both ends, access by index and value, moves between lists,
 * and their blocking forms, which wait through {@link io.bidtrack.engine.blocking}.
 */
package io.bidtrack.engine.command.lists;
