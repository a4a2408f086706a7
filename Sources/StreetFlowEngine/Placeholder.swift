// StreetFlowEngine
