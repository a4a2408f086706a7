// StreetFlowClient
