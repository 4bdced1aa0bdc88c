/** The ACL command and its subcommands; users and permission checks are in io.bidtrack.engine.acl. */
package io.bidtrack.engine.command.acl;
