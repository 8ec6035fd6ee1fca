"""The first inquiry: what the desk does with what a requester writes (`decision`, pure) and
the flow that carries it out in a transaction (`flow`)."""
