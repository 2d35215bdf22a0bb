from factcheck.cli.app import main

main()
