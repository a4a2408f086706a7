// StreetFlowService
