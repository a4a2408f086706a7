print("streetflow")
