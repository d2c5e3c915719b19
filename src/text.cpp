// STUB — the decision sentences (zh, en); replaced by the evaluation work.
