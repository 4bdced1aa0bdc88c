/** Lists commands. */
package io.bidtrack.engine.command.lists;
