// WorkflowStore
